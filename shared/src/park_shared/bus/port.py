"""The event-bus port: topics, per-key order, consumer groups with committed offsets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Bus", "Message", "Subscription", "dlq_topic", "events_topic"]


def events_topic(service: str) -> str:
    return f"park.{service}.events"


def dlq_topic(consumer: str) -> str:
    return f"park.{consumer}.dlq"


@dataclass(frozen=True, slots=True)
class Message:
    topic: str
    key: str
    value: bytes
    headers: tuple[tuple[str, bytes], ...] = ()
    partition: int = 0
    offset: int = -1

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k == name:
                return v.decode()
        return None


class Subscription(Protocol):
    """One member of a consumer group. `poll` returns messages in order per partition;
    `commit` records that everything up to and including these messages is handled."""

    async def poll(self, timeout: float = 1.0, max_records: int = 500) -> list[Message]: ...

    async def commit(self, messages: Sequence[Message]) -> None: ...

    async def lag(self) -> int: ...

    async def close(self) -> None: ...


class Bus(Protocol):
    async def start(self) -> None: ...

    async def publish(self, messages: Sequence[Message]) -> None:
        """Returns once every message is durably accepted, keeping the order of each key."""

    def subscribe(self, group: str, topics: Sequence[str]) -> Subscription: ...

    async def ping(self) -> None: ...

    async def close(self) -> None: ...
