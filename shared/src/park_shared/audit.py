"""An audit trail across the services: for an aggregate id or a correlation id, who did what and
when, in order.

Every stored event carries its actor (``department:roles:subject``, or ``system``), a correlation
id and a causation id; a reaction in another service keeps the correlation id of the event it
reacts to and names that event as its cause (consumer.py). So the trail of an id is

1. the events that match it: their stream is the id, their correlation id or event id is the id,
   or one of their ``*_id`` fields holds it (an aggregate of one service named in another's), and
2. every event of every service that shares a correlation id with one of those,

sorted by the time they happened. `trail_from_settings` opens the services' stores the way the
services do (SQLite files under PARK_DATA_DIR, or their MongoDB databases) and only reads them.
A full scan per service: an operator's tool, not a query path."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from park_shared.events import RecordedEvent
from park_shared.settings import ParkSettings
from park_shared.store.port import EventStore

__all__ = ["SERVICES", "AuditEntry", "render", "trail", "trail_from_settings"]

SERVICES: tuple[str, ...] = ("headquarters", "service-center", "industrial-co", "investment")
"""The services whose stores hold the decisions (the dashboard only keeps copies of them)."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    service: str
    type: str
    stream_id: str
    version: int
    position: int
    actor: str
    event_id: str
    correlation_id: str
    causation_id: str
    ids: frozenset[str]
    """The values of the event's ``*_id`` fields."""

    @property
    def department(self) -> str:
        return self.actor.split(":", 1)[0]

    @property
    def roles(self) -> str:
        parts = self.actor.split(":")
        return parts[1] if len(parts) == 3 else ""

    @property
    def subject(self) -> str:
        return self.actor.rsplit(":", 1)[-1]

    def matches(self, ident: str) -> bool:
        return ident in (self.stream_id, self.correlation_id, self.event_id) or ident in self.ids


def _entry(service: str, record: RecordedEvent) -> AuditEntry:
    meta = record.meta
    data: Any = orjson.loads(record.data)
    ids = (
        frozenset(str(v) for k, v in data.items() if k.endswith("_id") and isinstance(v, str | int))
        if isinstance(data, dict)
        else frozenset()
    )
    return AuditEntry(
        at=meta.occurred_at,
        service=service,
        type=record.type,
        stream_id=record.stream_id,
        version=record.version,
        position=record.position,
        actor=meta.actor,
        event_id=meta.event_id,
        correlation_id=meta.correlation_id,
        causation_id=meta.causation_id,
        ids=ids,
    )


async def scan(service: str, store: EventStore, batch: int = 1000) -> AsyncIterator[AuditEntry]:
    """Every event of ``store`` in its order, as audit entries."""
    after = 0
    while records := await store.read_all(after, batch):
        for record in records:
            yield _entry(service, record)
        after = records[-1].position


async def trail(stores: Mapping[str, EventStore], ident: str) -> list[AuditEntry]:
    """The events of ``ident`` and of its conversations, across ``stores`` (service -> store),
    in the order they happened."""
    everything = [entry for service, store in stores.items() async for entry in scan(service, store)]
    return select(everything, ident)


def select(entries: Iterable[AuditEntry], ident: str) -> list[AuditEntry]:
    entries = list(entries)
    conversations = {e.correlation_id for e in entries if e.matches(ident)}
    found = [e for e in entries if e.matches(ident) or e.correlation_id in conversations]
    return sorted(found, key=lambda e: (e.at, e.service, e.position))


async def trail_from_settings(
    settings: ParkSettings, ident: str, services: Sequence[str] = SERVICES
) -> list[AuditEntry]:
    """Opens each service's store as the services do, reads the trail, closes them."""
    from park_shared.backends import open_store

    stores: dict[str, EventStore] = {}
    closers = []
    try:
        for service in services:
            sqlite_file = settings.park_data_dir / f"{service}.sqlite"
            if settings.park_store == "sqlite" and not sqlite_file.exists():
                continue  # not run here: do not create an empty store
            store, _, close = await open_store(service, settings)
            stores[service] = store
            closers.append(close)
        return await trail(stores, ident)
    finally:
        for close in closers:
            await close()


def render(entries: Sequence[AuditEntry]) -> list[str]:
    """One line per event: when, which service, what, on which stream, by whom, in which
    conversation (the first 8 characters of the correlation id)."""
    return [
        f"{e.at}  {e.service:<15} {e.type.split('.')[-2]:<28} {e.stream_id:<24} "
        f"{e.actor:<36} corr={e.correlation_id[:8]}"
        for e in entries
    ]
