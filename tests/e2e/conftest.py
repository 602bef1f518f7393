"""Suites of service processes for the end-to-end tests, on the embedded default or on real
Kafka + FerretDB (a fresh PARK_NAMESPACE per suite, so topics, groups and databases are new)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from park_shared.testing.kafka_cluster import KafkaCluster, start_kafka_cluster

from .harness import START, Suite, suite_env, trace
from .zone import Zone

BACKENDS = ["embedded", pytest.param("real", marks=pytest.mark.real)]


@contextmanager
def zone_of(
    request: pytest.FixtureRequest,
    root: Path,
    backend: str,
    services: tuple[str, ...],
    *,
    start: date = START,
    baseline: bool = True,
    kafka: str | None = None,
    **env: str,
) -> Iterator[Zone]:
    """Starts `services` as processes on `backend`, their zone clock pinned to `start`, publishes
    HQ's baseline policies, yields the zone; stops every process at the end (logs stay under
    `root` and print on a failure)."""
    mongodb = None
    if backend == "real":
        servers = request.getfixturevalue("real_servers")
        kafka, mongodb = kafka or servers.kafka, servers.mongodb
    root.mkdir(parents=True, exist_ok=True)
    namespace = f"e2e{uuid.uuid4().hex[:10]}"
    suite = Suite(root, suite_env(backend, root / "data", kafka, mongodb, namespace) | env)
    suite.with_clock(start)
    try:
        suite.start(*services)
        trace(f"{backend} suite started: {', '.join(services)}")
        zone = Zone(suite)
        if baseline:
            zone.publish_baseline()
            trace("baseline policies everywhere")
        yield zone
    except BaseException:
        print(suite.logs())
        raise
    finally:
        suite.stop()


@pytest.fixture(scope="session")
def kafka_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaCluster]:
    """Three Kafka nodes (KRaft) for the session's cluster tests; a test that kills a node
    restarts it before it ends."""
    cluster = start_kafka_cluster(tmp_path_factory.mktemp("kafka-cluster"))
    try:
        yield cluster
    finally:
        cluster.stop()
