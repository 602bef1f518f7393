"""The restart drill: the service runs as a process on the embedded backend and is killed
(SIGKILL) before its step's deadline passes and again right after it flagged the step; the
store holds exactly one StepOverdue — never zero, never two."""

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from park_service_center.settings import ServiceCenterSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, wait_until

DRILL = Path(__file__).with_name("drill_service.py")
OVERDUE = "park.service-center.StepOverdue.v1"


class Drill:
    def __init__(self, tmp_path: Path) -> None:
        self.data = tmp_path / "data"
        self.clock_file = tmp_path / "clock"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: asyncio.subprocess.Process | None = None
        self.env = {
            **os.environ, "PARK_ENV": "test", "PARK_DATA_DIR": str(self.data),
            "SC_OVERDUE_SCAN_SECONDS": "0.05", "SC_PUBLIC_HOLIDAYS": '["2026-04-06"]',
            "SC_MAKEUP_WORKDAYS": '["2026-04-11"]',
        }  # fmt: skip

    def set_clock(self, iso: str) -> None:
        self.clock_file.write_text(datetime.fromisoformat(iso).isoformat())

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, str(DRILL), str(self.clock_file), str(self.port),
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        await wait_until(self._ready, timeout=30, what="the service process to be ready")

    async def _ready(self) -> bool:
        try:
            async with httpx.AsyncClient(base_url=self.url) as client:
                return (await client.get("/ready")).status_code == 200
        except httpx.HTTPError:
            return False

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await asyncio.wait_for(self.process.wait(), 10)

    def overdue_count(self) -> int:
        with sqlite3.connect(self.data / "service-center.sqlite") as db:
            return int(db.execute("SELECT count(*) FROM events WHERE type = ?", (OVERDUE,)).fetchone()[0])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def drill(tmp_path: Path) -> AsyncIterator[Drill]:
    drill = Drill(tmp_path)
    yield drill
    if drill.process is not None and drill.process.returncode is None:
        await drill.kill()


async def test_killed_around_the_deadline_one_overdue(
    drill: Drill, publish: Callable[[ParkSettings], Awaitable[None]]
) -> None:
    await publish(ServiceCenterSettings(park_env="test", park_data_dir=drill.data))
    drill.set_clock("2026-04-02T10:00:00+08:00")
    await drill.start()
    officer = auth_header("sc", "sc.officer")
    async with httpx.AsyncClient(base_url=drill.url, headers=officer) as client:
        await wait_until(lambda: _catalogue(client), timeout=20, what="the catalogue")
        body = {
            "enterprise_name": "Drill Co", "credit_code": "91350100M000100Y43", "project": "p",
            "planned_investment": "1.00", "park_id": "north", "industry": "x",
        }  # fmt: skip
        case = (await client.post("/cases", json=body)).json()
    assert case["steps"][0]["deadline"] == "2026-04-16"

    drill.set_clock("2026-04-16T23:59:00+08:00")  # the last minute of the deadline day
    await asyncio.sleep(0.5)
    assert drill.overdue_count() == 0
    await drill.kill()  # down when the deadline passes

    drill.set_clock("2026-04-17T08:00:00+08:00")
    await drill.start()
    await wait_until(lambda: drill.overdue_count() >= 1, timeout=20, what="the overdue step")
    await drill.kill()  # right after flagging: projections and outbox may lag behind
    assert drill.overdue_count() == 1

    drill.set_clock("2026-04-20T09:00:00+08:00")
    await drill.start()
    await asyncio.sleep(1.0)  # twenty scans
    await drill.kill()
    assert drill.overdue_count() == 1


async def _catalogue(client: httpx.AsyncClient) -> bool:
    return bool((await client.get("/public/procedures")).json()["steps"])
