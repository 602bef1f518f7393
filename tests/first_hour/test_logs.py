"""Every line of a service's log under `.park/logs` is one JSON object, from the first (uvicorn's
start-up lines) to the last (its shutdown lines): a service started the way `parkctl up` starts
it, on a free port, stopped with SIGTERM as `parkctl down` stops it."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import time
from pathlib import Path

import httpx
from park_shared.testing._process import free_port
from parkctl.suite import SuiteDirs, by_name


def test_every_line_of_a_services_log_is_json(tmp_path: Path) -> None:
    service = dataclasses.replace(by_name("investment"), port=free_port())
    dirs = SuiteDirs(tmp_path / "park")
    pid = dirs.start(service, {"PARK_LOG_FORMAT": "json"})
    try:
        deadline = time.monotonic() + 60
        while True:
            assert time.monotonic() < deadline, dirs.log_file(service).read_text()
            try:
                if httpx.get(f"{service.url}/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        httpx.get(f"{service.url}/health?probe=1", timeout=5)
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    lines = dirs.log_file(service).read_text().splitlines()
    entries = []
    for number, line in enumerate(lines, 1):
        try:
            entries.append(json.loads(line))
        except ValueError:
            raise AssertionError(f"line {number} of {dirs.log_file(service)} is not JSON: {line!r}") from None
    messages = [e["message"] for e in entries]
    assert messages[0].startswith("Started server process"), messages[:3]
    assert "GET /health 200" in messages and "Finished server process" in messages[-1]
    assert {e["service"] for e in entries} == {"investment"}
    assert all({"time", "level", "logger", "message"} <= e.keys() for e in entries)
