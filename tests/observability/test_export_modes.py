"""PARK_METRICS=otlp pushes the metrics (and PARK_TELEMETRY=otlp the spans) to the OTLP
endpoint; PARK_METRICS=off builds no meter provider and serves no scrape. Each in a process
of its own, as the choice is made once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from park_shared.testing.otlp_sink import otlp_sink

SCRIPT = """
import asyncio, sys, uuid
from datetime import UTC, datetime
from pathlib import Path
from park_shared import metrics
from park_shared.events import EventMeta, EventRegistry, NewEvent
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings

async def main() -> None:
    settings = ParkSettings(park_env="test", park_data_dir=Path(sys.argv[1]), park_telemetry=sys.argv[2])
    runtime = Runtime("modes", "ops", settings, EventRegistry("modes"))
    await runtime.start(wait=True)
    meta = EventMeta(uuid.uuid4().hex, datetime.now(UTC).isoformat(), "c", "c")
    await runtime.store.append("s-1", [NewEvent("park.modes.Noted.v1", b"{}", meta)], 0)
    await asyncio.sleep(float(sys.argv[3]))
    print("enabled", metrics.enabled(), "scrape", await metrics.scrape(runtime) is not None, flush=True)
    await runtime.stop()

asyncio.run(main())
"""


@pytest.fixture
def collector() -> Iterator[tuple[str, dict[str, list[bytes]]]]:
    with otlp_sink() as sink:
        yield sink.url, sink.received


def run(tmp_path: Path, env: dict[str, str], telemetry: str, seconds: float) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path), telemetry, str(seconds)],
        env={**os.environ, "PARK_ENV": "test", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_otlp_pushes_metrics_and_spans(tmp_path: Path, collector: tuple[str, dict[str, list[bytes]]]) -> None:
    endpoint, received = collector
    env = {"PARK_METRICS": "otlp", "PARK_METRICS_INTERVAL": "0.3", "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint}
    out = run(tmp_path, env, "otlp", 1.5)
    assert "enabled True scrape False" in out  # pushed, not scraped
    pushed = b"".join(received.get("/v1/metrics", []))
    for name in (b"park.events.appended", b"park.outbox.backlog", b"park.outbox.oldest_age"):
        assert name in pushed, name
    assert b"store append" in b"".join(received.get("/v1/traces", []))


def test_off_means_no_metrics(tmp_path: Path) -> None:
    out = run(tmp_path, {"PARK_METRICS": "off"}, "off", 0.1)
    assert "enabled False scrape False" in out
