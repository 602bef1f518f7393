"""The suite for bench/suite.py: the five services as processes (tests/e2e/harness.py) on the
embedded default or on Kafka + FerretDB (started here, or named by the environment)."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ("headquarters", "service-center", "industrial-co", "investment", "dashboard")


def _harness() -> Any:
    sys.path.insert(0, str(ROOT))
    from tests.e2e import harness

    return harness


@contextmanager
def real_servers(work: Path) -> Iterator[tuple[str, str]]:
    """(bootstrap servers, MongoDB URI): from KAFKA_BOOTSTRAP_SERVERS / MONGODB_URI, or local
    Kafka 4 and FerretDB started for the run and stopped after it."""
    kafka, mongo = os.environ.get("KAFKA_BOOTSTRAP_SERVERS"), os.environ.get("MONGODB_URI")
    with ExitStack() as stack:
        if not (kafka and mongo):
            from park_shared.testing.servers import start_ferretdb, start_kafka

            print("starting Kafka and FerretDB ...", file=sys.stderr, flush=True)
            broker = start_kafka(work / "kafka")
            stack.callback(broker.stop)
            ferret = start_ferretdb(work / "ferretdb")
            stack.callback(ferret.stop)
            kafka, mongo = kafka or broker.url, mongo or ferret.url
        yield kafka, mongo


@contextmanager
def running_suite(backend: str, work: Path, servers: tuple[str, str] | None, **extra: str) -> Iterator[Any]:
    """The five services on free ports; `extra` environment for every one of them."""
    harness = _harness()
    namespace = f"bench-{uuid.uuid4().hex[:8]}"
    kafka, mongo = servers or (None, None)
    root = work / namespace
    root.mkdir(parents=True)
    env = harness.suite_env(backend, root / "data", kafka, mongo, namespace) | extra
    suite = harness.Suite(root, env).with_clock()
    try:
        suite.start(*SERVICES)
        yield suite
    finally:
        suite.stop()
