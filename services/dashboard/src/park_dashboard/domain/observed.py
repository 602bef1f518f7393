"""What the dashboard records about what it read: its own events, kept in its own store so the
read models can be rebuilt from them (`parkctl replay dashboard`); never published."""

from __future__ import annotations

from typing import Any

from park_shared.events import Event

__all__ = ["EventObserved", "MessageRejected"]


class EventObserved(Event):
    """One event read from a service's topic, as it came: its CloudEvents attributes and data."""

    id: str
    type: str
    service: str
    subject: str
    time: str
    topic: str
    data: dict[str, Any]
    zone_time: str | None = None
    """`time` on the zone's clock when it was read (a demonstration zone runs days ahead)."""


class MessageRejected(Event):
    """A message the dashboard could not read (a poison message), kept for the dead-letters view."""

    key: str
    topic: str
    partition: int
    offset: int
    type: str | None
    event_id: str | None
    reason: str
    rejected_at: str
