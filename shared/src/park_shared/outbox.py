"""The outbox relay: the event log is the outbox; the relay publishes what lies past its
cursor and moves the cursor only after the broker has acknowledged."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from park_shared.bus.port import Bus, events_topic
from park_shared.store.appended import Waker
from park_shared.store.port import EventStore
from park_shared.telemetry.outbox import published_messages

__all__ = ["OutboxRelay"]

log = logging.getLogger(__name__)

CURSOR = "outbox"


class OutboxRelay:
    def __init__(
        self,
        service: str,
        store: EventStore,
        bus: Bus,
        *,
        topic: str | None = None,
        publishes: Callable[[str], bool] = lambda type_: True,
        batch_size: int = 500,
        idle_interval: float = 0.5,
        waker: Waker | None = None,
    ) -> None:
        """Idle, it looks again after 5 ms, then ever more slowly up to `idle_interval`; an
        append in this process (told through `waker`) ends the wait at once."""
        self._service = service
        self._topic = topic or events_topic(service)
        self._publishes = publishes
        self._store = store
        self._bus = bus
        self._batch_size = batch_size
        self._idle_interval = idle_interval
        self._waker = waker or Waker()
        self.published = 0
        self.skipped = 0

    async def relay_once(self) -> int:
        """Publishes one batch of unpublished events; returns how many."""
        cursor = await self._store.get_cursor(CURSOR)
        events = await self._store.read_all(cursor, self._batch_size)
        if not events:
            return 0
        public = [e for e in events if self._publishes(e.type)]
        if public:
            with published_messages(self._service, self._topic, public) as messages:
                await self._bus.publish(messages)
        await self._store.set_cursor(CURSOR, events[-1].position)
        self.published += len(public)
        self.skipped += len(events) - len(public)
        return len(events)

    async def backlog(self) -> int:
        return await self._store.last_position() - await self._store.get_cursor(CURSOR)

    async def drain(self) -> int:
        total = 0
        while n := await self.relay_once():
            total += n
        return total

    async def run(self) -> None:
        """Relays forever; a broker or store outage is logged and retried with backoff."""
        delay = 0.005
        failures = 0
        while True:
            try:
                self._waker.clear()
                moved = await self.relay_once()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - an outage: keep going, lose nothing
                failures += 1
                wait = min(5.0, 0.2 * 2 ** min(failures, 5))
                log.warning("outbox relay of %s: %s; retry in %.1fs", self._service, exc, wait)
                await asyncio.sleep(wait)
                continue
            if moved:
                delay = 0.0
                await asyncio.sleep(0)
            else:
                delay = min(self._idle_interval, max(delay * 2, 0.005))
                await self._waker.sleep(delay)
