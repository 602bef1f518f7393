"""Put another service's events on its topic, as that service would, for reaction tests; read
a service's topic back as a newcomer would, to see what it published."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import orjson

from park_shared.backends import open_bus
from park_shared.envelope import Envelope
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.testing.apps import wait_until

__all__ = ["emit", "event_names", "outbox_drained", "read_published", "read_topic"]


async def emit(
    settings: ParkSettings,
    service: str,
    event_type: str,
    data: dict[str, Any],
    subject: str,
    *,
    event_id: str | None = None,
    times: int = 1,
) -> str:
    """Publishes one event (`times` deliveries of the same ce_id) on `service`'s topic."""
    envelope = Envelope(
        id=event_id or uuid.uuid4().hex,
        source=f"/park/{service}",
        type=f"park.{service}.{event_type}" if not event_type.startswith("park.") else event_type,
        subject=subject,
        time=datetime.now(UTC).isoformat(),
        data=orjson.dumps(data),
        correlation_id=uuid.uuid4().hex,
        causation_id=uuid.uuid4().hex,
        actor=f"{service}:test",
    )
    topic = settings.topic(service)
    bus = await open_bus(f"{service}-test-emitter", settings, [topic])
    try:
        await bus.publish([envelope.to_message(topic)] * times)
    finally:
        await bus.close()
    return envelope.id


async def read_topic(
    settings: ParkSettings,
    service: str,
    *,
    until: Callable[[list[Envelope]], bool],
    settle: float = 0.0,
    timeout: float = 30.0,
) -> list[Envelope]:
    """Every event on `service`'s topic, read by a fresh consumer group until `until` holds (an
    AssertionError after `timeout`), then `settle` seconds more (so a duplicate would show up too)."""
    topic = settings.topic(service)
    bus = await open_bus(f"{service}-reader-{uuid.uuid4().hex[:6]}", settings, [topic])
    subscription = bus.subscribe(f"{service}-test-{uuid.uuid4().hex}", [topic])
    seen: list[Envelope] = []
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not until(seen):
            if loop.time() > deadline:
                raise AssertionError(f"timed out; on the topic: {[e.type for e in seen]}")
            seen += [Envelope.from_message(m) for m in await subscription.poll(timeout=0.5)]
        settled = loop.time() + settle
        while loop.time() < settled:
            seen += [Envelope.from_message(m) for m in await subscription.poll(timeout=0.2)]
    finally:
        await subscription.close()
        await bus.close()
    return seen


def event_names(envelopes: Iterable[Envelope]) -> Counter[str]:
    """How many events of each name (`SubsidyApplied`: no service, no version) `envelopes` hold:
    `until=lambda seen: event_names(seen) >= expected` waits for at least those."""
    return Counter(e.type.split(".")[2] for e in envelopes)


async def read_published(
    settings: ParkSettings,
    service: str,
    published: Counter[str],
    *,
    settle: float = 0.0,
    timeout: float = 30.0,
) -> list[Envelope]:
    """`service`'s topic read (`read_topic`) until it holds the events `published` counts by
    name, then `settle` seconds more; an AssertionError unless it holds exactly those, so that
    what a test then finds absent on the topic was looked for among everything it published."""
    envelopes = await read_topic(
        settings, service, until=lambda seen: event_names(seen) >= published, settle=settle, timeout=timeout
    )
    found = event_names(envelopes)
    if found != published:
        raise AssertionError(f"on {service}'s topic: {dict(found)}, not {dict(published)}")
    return envelopes


async def outbox_drained(runtime: Runtime, *, timeout: float = 60.0) -> None:
    """Waits until `runtime`'s relay runs and has published every event stored so far (an
    AssertionError after `timeout`): what a test reads from the topic after this is complete."""

    async def drained() -> bool:
        relay = runtime.relay
        return relay is not None and await relay.backlog() == 0

    await wait_until(drained, timeout=timeout, what=f"{runtime.service}'s outbox to drain")
