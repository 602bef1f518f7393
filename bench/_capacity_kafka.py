"""One partition's rate on the three-node cluster (park_shared.testing.kafka_cluster): events of
the suite's median size published through the suite's own KafkaBus (idempotent, acks=all,
replication factor 3, min.insync.replicas=2) in the outbox relay's batches, and read back by
one group member committing after each batch, as a consumer does."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

from park_shared.bus.kafka import KafkaBus
from park_shared.bus.port import Message
from park_shared.testing.kafka_cluster import start_kafka_cluster

BATCH = 100  # the relay publishes what is unpublished, up to a batch


async def _rates(bootstrap: str, events: int, size: int) -> tuple[float, float]:
    topic = f"park.capacity-{uuid.uuid4().hex[:6]}.events"
    bus = KafkaBus(bootstrap, "capacity", partitions=1)
    await bus.start()
    await bus.ensure_topics([topic])
    value = b"x" * size
    began = time.perf_counter()
    for first in range(0, events, BATCH):
        last = min(events, first + BATCH)
        await bus.publish([Message(topic, f"k{i % 50}", value) for i in range(first, last)])
    produced = events / (time.perf_counter() - began)
    sub = bus.subscribe(f"capacity-{uuid.uuid4().hex[:6]}", [topic])
    got, began = 0, time.perf_counter()
    while got < events:
        batch = await sub.poll(timeout=1.0)
        if batch:
            await sub.commit(batch)
            got += len(batch)
    consumed = events / (time.perf_counter() - began)
    await sub.close()
    await bus.close()
    return produced, consumed


def partition_rates(work: Path, events: int, size: int) -> tuple[float, float]:
    """(events/s published, events/s consumed) on one replicated partition."""
    cluster = start_kafka_cluster(work / "kafka-cluster")
    try:
        return asyncio.run(_rates(cluster.url, events, size))
    finally:
        cluster.stop()
