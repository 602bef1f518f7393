"""The outbox relay: the event log is the outbox; the relay publishes what lies past its
cursor and moves the cursor only after the broker has acknowledged.

The relay goes on from what it published itself; the cursor in the store follows at most
`CURSOR_INTERVAL` behind (written at the first look after the interval, whether that look
found events or ran out of them; at once when a drain ends or the relay stops), not one
durable write per published batch: at a few events a second every batch runs the relay out,
and a write each time was one durable `update` per event. A relay killed in between publishes
the rest of that interval again: consumers are idempotent (their inbox), as after any crash
between a publish and its cursor. The cursor in the store is read again at most every
`CURSOR_INTERVAL` too (another replica's relay may have moved it), not before every batch."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from park_shared.bus.port import Bus, events_topic
from park_shared.store.appended import FollowDelay, Waker
from park_shared.store.port import EventStore
from park_shared.telemetry.outbox import published_messages

__all__ = ["OutboxRelay"]

log = logging.getLogger(__name__)

CURSOR = "outbox"
CURSOR_INTERVAL = 0.5


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
        append in this process (told through `waker`) ends the wait at once (`FollowDelay`)."""
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
        self._relayed = 0  # the last position this relay published (or skipped)
        self._unwritten = False  # _relayed is past the cursor in the store
        self._written_at = -CURSOR_INTERVAL  # the first cursor is written at once
        self._stored = 0  # the cursor in the store, as last read
        self._read_at = -CURSOR_INTERVAL  # the first batch reads it

    async def _position(self) -> int:
        if time.monotonic() - self._read_at >= CURSOR_INTERVAL:
            self._stored = await self._store.get_cursor(CURSOR)
            self._read_at = time.monotonic()
        return max(self._relayed, self._stored)

    async def relay_once(self) -> int:
        """Publishes one batch of unpublished events; returns how many."""
        events = await self._store.read_all(await self._position(), self._batch_size)
        if not events:
            if self._unwritten and time.monotonic() - self._written_at >= CURSOR_INTERVAL:
                await self._write_cursor()
            return 0
        public = [e for e in events if self._publishes(e.type)]
        if public:
            with published_messages(self._service, self._topic, public) as messages:
                await self._bus.publish(messages)
        self._relayed, self._unwritten = events[-1].position, True
        if time.monotonic() - self._written_at >= CURSOR_INTERVAL:
            await self._write_cursor()
        self.published += len(public)
        self.skipped += len(events) - len(public)
        return len(events)

    async def _write_cursor(self) -> None:
        self._written_at, self._unwritten = time.monotonic(), False
        try:
            await self._store.set_cursor(CURSOR, self._relayed)
        except BaseException:
            self._unwritten = True
            raise

    async def backlog(self) -> int:
        return await self._store.last_position() - await self._position()

    async def drain(self) -> int:
        """Publishes everything there is, then writes the cursor it got to."""
        total = 0
        while n := await self.relay_once():
            total += n
        if self._unwritten:
            await self._write_cursor()
        return total

    async def run(self) -> None:
        """Relays forever; a broker or store outage is logged and retried with backoff.
        Stopped, it writes the cursor it got to (a restart then publishes nothing again)."""
        try:
            await self._relay_forever()
        finally:
            if self._unwritten:
                with contextlib.suppress(Exception):  # an outage: the next start republishes
                    await self._write_cursor()

    async def _relay_forever(self) -> None:
        delay = FollowDelay(self._idle_interval)
        failures = 0
        woken = False  # the read about to be made follows a wake by this process's append
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
            if moved >= self._batch_size:  # more may be waiting: at once, as part of the same look
                await asyncio.sleep(0)
                continue
            woken = await self._waker.sleep(delay.after(moved > 0, woken))
