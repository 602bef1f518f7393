"""PARK_METRICS=otlp pushes the metrics (and PARK_TELEMETRY=otlp the spans) to the OTLP
endpoint; PARK_METRICS=off builds no meter provider and serves no scrape. Each in a process
of its own, as the choice is made once per process."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

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


class Collector(BaseHTTPRequestHandler):
    received: dict[str, list[bytes]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.setdefault(self.path, []).append(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def collector() -> Iterator[tuple[str, dict[str, list[bytes]]]]:
    received: dict[str, list[bytes]] = {}
    handler = type("Handler", (Collector,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


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
