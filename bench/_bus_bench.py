"""Bus measurements: publish→handled latency at a fixed offered rate, outbox relay
throughput; and the raw produce limit of the same engine."""

from __future__ import annotations

import asyncio
import struct
import time
import uuid
from collections.abc import Awaitable, Callable

from _domain import DoStep, cases, payload, registry
from _stats import percentile
from _store_bench import Progress
from park_shared.bus.port import Bus, Message
from park_shared.handler import CommandHandler
from park_shared.outbox import OutboxRelay
from park_shared.store.port import EventStore

Row = tuple[str, str, float, str]


async def latency(bus: Bus, rate_per_s: int, seconds: float) -> tuple[float, float, int]:
    """Publishes one message every 1/rate s (each awaited, as the relay does) and measures
    publish start → handled by a running consumer. Returns p50, p99 in ms and the count."""
    topic = f"park.bench-{uuid.uuid4().hex[:6]}.events"
    total = int(rate_per_s * seconds)
    got: list[float] = []
    sub = bus.subscribe(f"bench-{uuid.uuid4().hex[:6]}", [topic])
    await bus.publish([Message(topic, "warm", struct.pack("d", time.perf_counter()))])

    async def consume() -> None:
        while len(got) < total + 1:
            batch = await sub.poll(timeout=0.2)
            now = time.perf_counter()
            got.extend((now - struct.unpack("d", m.value)[0]) * 1000 for m in batch)
            if batch:
                await sub.commit(batch)

    consumer = asyncio.create_task(consume())
    await asyncio.sleep(2.0)  # the group forms and the warm-up message arrives
    start = time.perf_counter()
    sends = []
    for i in range(total):
        delay = start + i / rate_per_s - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        sends.append(
            asyncio.create_task(
                bus.publish([Message(topic, f"k{i % 16}", struct.pack("d", time.perf_counter()))])
            )
        )
    await asyncio.gather(*sends)
    await asyncio.wait_for(consumer, timeout=30)
    await sub.close()
    measured = got[1:]
    return percentile(measured, 50), percentile(measured, 99), len(measured)


async def relay_rate(store: EventStore, bus: Bus, events: int) -> float:
    handler = CommandHandler(store, registry, cases)
    tag = uuid.uuid4().hex[:6]
    for i in range(events // 10):
        await handler.handle(f"r-{tag}-{i}", DoStep(step=i, data=payload(i), count=10))
    relay = OutboxRelay("bench", store, bus, topic=f"park.bench-{tag}.events")
    start = time.perf_counter()
    published = await relay.drain()
    return published / (time.perf_counter() - start)


async def raw_publish_rate(bus: Bus, n: int, batch: int = 500) -> float:
    """Our bus adapter's own publish path, batches of `batch`: the engine's produce limit."""
    topic = f"park.bench-raw-{uuid.uuid4().hex[:6]}.events"
    value = b"x" * 300
    start = time.perf_counter()
    for i in range(0, n, batch):
        await bus.publish([Message(topic, f"k{j % 16}", value) for j in range(i, i + batch)])
    return n / (time.perf_counter() - start)


async def raw_aiokafka_rate(bootstrap: str, n: int, batch: int = 500) -> float:
    """Plain aiokafka, idempotent with acks=all, awaiting each batch of sends."""
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, acks="all", linger_ms=5)
    await producer.start()
    topic = f"park.bench-raw-{uuid.uuid4().hex[:6]}.events"
    value = b"x" * 300
    await producer.send_and_wait(topic, value, key=b"warm")
    start = time.perf_counter()
    try:
        for i in range(0, n, batch):
            futures = [await producer.send(topic, value, key=b"k%d" % (j % 16)) for j in range(i, i + batch)]
            await asyncio.gather(*futures)
    finally:
        elapsed = time.perf_counter() - start
        await producer.stop()
    return n / elapsed


async def measure_bus(
    name: str,
    open_bus: Callable[[], Awaitable[Bus]],
    open_store: Callable[[], Awaitable[EventStore]],
    rate_per_s: int,
    seconds: float,
    relay_events: int,
) -> list[Row]:
    bus = await open_bus()
    rows: list[Row] = Progress()
    try:
        p50, p99, count = await latency(bus, rate_per_s, seconds)
        label = f"publish→handled latency at {rate_per_s}/s offered ({count} events)"
        rows.append((name, label + " p50", p50, "ms"))
        rows.append((name, label + " p99", p99, "ms"))
        store = await open_store()
        try:
            rows.append(
                (
                    name,
                    f"outbox relay, {relay_events:,} events",
                    await relay_rate(store, bus, relay_events),
                    "events/s",
                )
            )
        finally:
            await store.close()
    finally:
        await bus.close()
    return rows
