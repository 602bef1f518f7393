"""The event-store port: what every adapter promises, and the contract suite checks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from park_shared.events import NewEvent, RecordedEvent

__all__ = ["EventStore"]


class EventStore(Protocol):
    """Streams of events with optimistic concurrency, a gap-free global order, an inbox.

    - `append` writes all events or none, at `expected_version` (the stream's event count
      before the append; 0 for a new stream), and returns the new version. A lost race
      raises `WrongExpectedVersion`. With `inbox_key`, the key is written in the same
      atomic write; a key written before raises `AlreadyHandled` and nothing is written.
    - `read_all(after)` returns events with position > after in position order, and never
      returns a position while an earlier one may still appear (no skipped events).
    - cursors are named positions (the outbox relay's progress).
    """

    async def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: int,
        *,
        inbox_key: str | None = None,
    ) -> int: ...

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]: ...

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[RecordedEvent]: ...

    async def last_position(self) -> int: ...

    async def is_handled(self, inbox_key: str) -> bool: ...

    async def get_cursor(self, name: str) -> int: ...

    async def set_cursor(self, name: str, position: int) -> None: ...

    async def ping(self) -> None: ...

    async def close(self) -> None: ...
