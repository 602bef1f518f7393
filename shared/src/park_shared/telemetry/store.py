"""The event store as a service's runtime uses it: every append a span (the store's own
client spans, PyMongo's, nest in it), counted in the metrics, told to the loops that follow the
store, and the conversation it belongs to bound to the log records that follow."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from opentelemetry.trace import SpanKind
from opentelemetry.util.types import AttributeValue

from park_shared import metrics
from park_shared.events import NewEvent, RecordedEvent
from park_shared.logging_setup import bind_correlation
from park_shared.store.appended import AppendSignal
from park_shared.store.port import EventStore
from park_shared.telemetry.context import CurrentSpan, tracer, tracing_enabled

__all__ = ["InstrumentedStore"]


class InstrumentedStore:
    """An `EventStore` around another; what it adds never changes what the store does."""

    def __init__(self, inner: EventStore, service: str, signal: AppendSignal | None = None) -> None:
        self.inner = inner
        self.service = service
        self.signal = signal or AppendSignal()
        """Told of every append that succeeds here (the relay and the projections wake on it)."""

    async def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: int,
        *,
        inbox_key: str | None = None,
    ) -> int:
        if events:
            bind_correlation(events[0].meta.correlation_id)
        if tracing_enabled():
            attributes: dict[str, AttributeValue] = {  # at the start: set after, it took the lock again
                "park.stream_id": stream_id,
                "park.expected_version": expected_version,
                "park.event_types": sorted({e.type for e in events}),
                "park.correlation_id": events[0].meta.correlation_id if events else "",
            }
            with CurrentSpan(
                tracer().start_span("store append", kind=SpanKind.CLIENT, attributes=attributes)
            ):
                version = await self.inner.append(stream_id, events, expected_version, inbox_key=inbox_key)
        else:
            version = await self.inner.append(stream_id, events, expected_version, inbox_key=inbox_key)
        metrics.events_appended(self.service, events)
        self.signal.notify()
        return version

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]:
        return await self.inner.read_stream(stream_id)

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        return await self.inner.read_all(after, limit)

    async def last_position(self) -> int:
        return await self.inner.last_position()

    async def is_handled(self, inbox_key: str) -> bool:
        return await self.inner.is_handled(inbox_key)

    async def get_cursor(self, name: str) -> int:
        return await self.inner.get_cursor(name)

    async def set_cursor(self, name: str, position: int) -> None:
        await self.inner.set_cursor(name, position)

    async def ping(self) -> None:
        await self.inner.ping()

    async def close(self) -> None:
        await self.inner.close()

    def __getattr__(self, name: str) -> Any:
        """What an adapter has beyond the port (its database, say) stays reachable."""
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)
