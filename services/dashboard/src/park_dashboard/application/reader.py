"""The dashboard's read loop over the four topics: each message is recorded once (an
observation or, for a poison message, a rejection, keyed by its event id in the inbox) before
the offsets are committed; nothing is ever published. The messages of a batch are recorded as
the services' consumers handle theirs: each key's in order, different keys side by side, so
their appends share the store's group commits (one transaction, one fsync) instead of one
each."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from park_shared.bus.port import Message, Subscription
from park_shared.consumer import handle_in_lanes, runs_by_topic
from park_shared.errors import AlreadyHandled, WrongExpectedVersion
from park_shared.events import Event, EventMeta, NewEvent
from park_shared.runtime import Runtime

from park_dashboard.application.changes import Changes
from park_dashboard.application.intake import Unreadable, observe
from park_dashboard.domain.observed import MessageRejected
from park_dashboard.events import SERVICE, SOURCES

__all__ = ["FeedReader"]

log = logging.getLogger(__name__)


LANES = 32
"""At most this many keys of a batch recorded at a time."""


class FeedReader:
    def __init__(self, runtime: Runtime, changes: Changes) -> None:
        self.runtime = runtime
        self.changes = changes
        self.topics = {runtime.settings.topic(s): s for s in SOURCES}
        self.recorded = 0
        self.duplicates = 0
        self.rejected = 0
        self.subscription: Subscription | None = None

    async def status(self) -> dict[str, Any]:
        """Its progress as /ops/status (and `parkctl status`) shows a consumer's."""
        subscription = self.subscription
        return {
            "name": self.runtime.settings.group(SERVICE),
            "topics": list(self.topics),
            "handled": self.recorded - self.rejected + self.duplicates,  # as a consumer counts
            "dead_lettered": self.rejected,
            "lag": await subscription.lag() if subscription is not None else None,
        }

    async def run(self) -> None:
        """One pass until cancelled; a failure (store or bus down) ends it uncommitted and the
        runtime restarts it, so the same messages come again and are recorded once."""
        subscription = self.runtime.bus.subscribe(self.runtime.settings.group(SERVICE), list(self.topics))
        self.subscription = subscription
        try:
            await self._loop(subscription)
        finally:
            self.subscription = None
            await subscription.close()

    async def _loop(self, subscription: Subscription) -> None:
        while True:
            batch = await subscription.poll(timeout=0.5)
            for run in runs_by_topic(batch):
                await handle_in_lanes(run, self.handle, LANES)
            if batch:
                await subscription.commit(batch)
                await self.changes.notify()

    async def handle(self, message: Message) -> None:
        try:
            observed = observe(message, self.topics)
        except Unreadable as poison:
            await self._reject(message, poison)
            return
        observed = observed.model_copy(update={"zone_time": self._on_zone_clock(observed.time)})
        await self._record(f"observed-{observed.id}", observed, f"{SERVICE}:{observed.id}", observed.id)

    def _on_zone_clock(self, time: str) -> str | None:
        """An event's wall time moved as far ahead as the zone's clock runs now."""
        try:
            at = datetime.fromisoformat(time)
        except ValueError:
            return None
        ahead = self.runtime.clock() - datetime.now(UTC)
        return (at + ahead).astimezone(self.runtime.zone).isoformat()

    async def _reject(self, message: Message, poison: Unreadable) -> None:
        where = f"{message.topic}:{message.partition}:{message.offset}"
        log.warning("dashboard cannot read %s: %s", where, poison.reason)
        rejected = MessageRejected(
            key=where,
            topic=message.topic,
            partition=message.partition,
            offset=message.offset,
            type=poison.type,
            event_id=poison.event_id,
            reason=poison.reason[:2000],
            rejected_at=datetime.now(UTC).isoformat(),
        )
        if await self._record(f"rejected-{where}", rejected, f"{SERVICE}:rejected:{where}", None):
            self.rejected += 1

    async def _record(self, stream_id: str, event: Event, inbox_key: str, cause: str | None) -> bool:
        type_, data = self.runtime.registry.encode(event)
        now = datetime.now(UTC).isoformat()
        meta = EventMeta(uuid.uuid4().hex, now, cause or inbox_key, cause or inbox_key, actor=SERVICE)
        try:
            await self.runtime.store.append(stream_id, [NewEvent(type_, data, meta)], 0, inbox_key=inbox_key)
        except (AlreadyHandled, WrongExpectedVersion):
            self.duplicates += 1
            return False
        self.recorded += 1
        return True
