"""The dashboard's reading of the services' events (docs/events.md): only the fields it uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from park_shared.events import ForeignEvent, type_name

from park_dashboard.events import registry

__all__ = ["READINGS", "reading_of", "reads"]

READINGS: dict[str, type[ForeignEvent]] = {}
"""The models the dashboard reads each event type with, by type name."""

M = TypeVar("M", bound=ForeignEvent)


def reads(service: str, name: str, version: int = 1) -> Callable[[type[M]], type[M]]:
    def register(cls: type[M]) -> type[M]:
        READINGS[type_name(service, name, version)] = cls
        return registry.foreign(service, name, version)(cls)

    return register


def reading_of(type_: str) -> type[ForeignEvent] | None:
    return READINGS.get(type_)
