"""What the cluster tests read from Kafka itself: partition leaders and in-sync replicas, the
topics' settings, the active KRaft controller, and the events a topic holds."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import Counter
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from park_shared.testing.kafka_cluster import KafkaCluster


async def _admin(bootstrap: str) -> Any:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="e2e-cluster-probe")
    await admin.start()
    return admin


async def _partitions(bootstrap: str, topics: list[str]) -> dict[tuple[str, int], dict[str, Any]]:
    admin = await _admin(bootstrap)
    try:
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    return {(t["topic"], p["partition"]): p for t in described for p in t["partitions"]}


def partitions(bootstrap: str, topics: list[str]) -> dict[tuple[str, int], dict[str, Any]]:
    """(topic, partition) -> its leader, replicas and in-sync replicas."""
    return asyncio.run(_partitions(bootstrap, topics))


def fully_in_sync(bootstrap: str, topics: list[str], replicas: int = 3) -> bool:
    found = partitions(bootstrap, topics)
    return bool(found) and all(len(p["isr"]) == replicas and p["leader"] >= 0 for p in found.values())


async def _min_insync(bootstrap: str, topic: str) -> str:
    admin = await _admin(bootstrap)
    try:
        responses = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    finally:
        await admin.close()
    for response in responses:
        for *_, entries in response.resources:
            for name, value, *_ in entries:
                if name == "min.insync.replicas":
                    return str(value)
    raise AssertionError(f"{topic} has no min.insync.replicas")


def min_insync(bootstrap: str, topic: str) -> str:
    return asyncio.run(_min_insync(bootstrap, topic))


def active_controller(cluster: KafkaCluster) -> int:
    """The KRaft quorum's leader, from the quorum-state each node writes (the newest epoch)."""
    best = (-1, -1)
    for node in range(1, len(cluster.ports) + 1):
        path = cluster.workdir / f"node-{node}" / "data" / "__cluster_metadata-0" / "quorum-state"
        try:
            state = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if state.get("leaderId", -1) >= 0:
            best = max(best, (int(state["leaderEpoch"]), int(state["leaderId"])))
    assert best[1] >= 0, "no node knows the controller"
    return best[1]


async def _events(bootstrap: str, topic: str, type_suffix: str, quiet: float) -> list[tuple[str, str]]:
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, group_id=f"e2e-reader-{uuid.uuid4().hex[:8]}",
        auto_offset_reset="earliest", enable_auto_commit=False,
    )  # fmt: skip
    await consumer.start()
    found: list[tuple[str, str]] = []
    try:
        last = time.monotonic()
        while time.monotonic() - last < quiet:
            batches = await consumer.getmany(timeout_ms=1000)
            for records in batches.values():
                last = time.monotonic()
                for r in records:
                    headers = {k: v.decode() for k, v in r.headers}
                    if headers.get("ce_type", "").endswith(type_suffix):
                        found.append((headers.get("ce_subject", ""), headers["ce_id"]))
    finally:
        await consumer.stop()
    return found


def events(bootstrap: str, topic: str, type_suffix: str, quiet: float = 5.0) -> list[tuple[str, str]]:
    """(subject, event id) of every record on `topic` whose ce_type ends with `type_suffix`, a
    copy a producer's retry wrote twice included; read until `quiet` seconds bring nothing."""
    return asyncio.run(_events(bootstrap, topic, type_suffix, quiet))


def once_each(found: list[tuple[str, str]], subjects: list[str]) -> dict[str, int]:
    """Distinct events per subject (copies of one event id count once)."""
    distinct = Counter(subject for subject, _ in set(found))
    return {s: distinct[s] for s in subjects}
