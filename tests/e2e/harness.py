"""The suite as separate processes for end-to-end journeys: each service a `python -m` process
on a free loopback port, on the embedded default or on real Kafka + FerretDB."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from park_shared import zone_clock
from park_shared.settings import ParkSettings
from park_shared.testing._process import free_port
from park_shared.testing.apps import auth_header

MODULES = {
    "headquarters": "park_headquarters",
    "service-center": "park_service_center",
    "industrial-co": "park_industrial_co",
    "investment": "park_investment",
    "dashboard": "park_dashboard",
}
DEPARTMENTS = {"headquarters": "hq", "service-center": "sc", "industrial-co": "ic", "investment": "inv"}
START = date(2026, 3, 4)
"""The day a suite's zone starts on unless a test picks another: a Wednesday, no holiday near."""


class ZoneClock:
    """The suite's shared "today": the zone clock file (PARK_ZONE_CLOCK_FILE) every service of
    the suite reads, pinned to a chosen day at 10:00 and running on from there."""

    def __init__(self, path: Path, start: date = START, timezone: str = "Asia/Shanghai") -> None:
        self.path = path
        self.zone = ZoneInfo(timezone)
        self.set(start)

    def set(self, day: date) -> None:
        zone_clock.move_to(self.path, datetime.combine(day, clock_time(10), self.zone))

    def advance(self, days: int) -> None:
        zone_clock.advance(self.path, days)

    def today(self) -> date:
        ahead = timedelta(days=zone_clock.days_ahead(self.path))
        return (datetime.now(UTC) + ahead).astimezone(self.zone).date()


@dataclass
class ServiceProcess:
    name: str
    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None
    started_at: int = 0
    """Where this start's lines begin in the log (a restarted process appends to it)."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        self.started_at = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", MODULES[self.name]],
                env={**os.environ, **self.env, "PORT": str(self.port)},
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush — a crash."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        rebinds = 3  # a free port chosen here can be taken by another process before ours binds it
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                log = self.log.read_bytes()[self.started_at :].decode(errors="replace")
                if rebinds and f"'127.0.0.1', {self.port}): address already in use" in log:
                    rebinds -= 1
                    self.port = free_port()
                    self.start()
                    continue
                raise RuntimeError(f"{self.name} exited:\n{log[-3000:]}")
            try:
                if self._answers_ready():
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {timeout}s:\n{self.log.read_text()[-3000:]}")

    def _answers_ready(self) -> bool:
        """This service, not another that took the port first, answers /ready with 200 (until
        ours exits on the taken port and is started again on another)."""
        response = httpx.get(self.url + "/ready", timeout=2)
        return response.status_code == 200 and response.json().get("service") == self.name

    def ops_status(self) -> dict[str, Any]:
        """What `parkctl status` renders for this service: consumers' handled, lag, DLQ."""
        r = httpx.get(self.url + "/ops/status", timeout=10)
        r.raise_for_status()
        body: dict[str, Any] = r.json()
        return body

    def consumer(self, group_suffix: str = "") -> dict[str, Any]:
        """The /ops/status entry of this process's consumer group `<service><suffix>`."""
        for c in self.ops_status()["consumers"]:
            if c["name"].endswith(self.name + group_suffix):
                found: dict[str, Any] = c
                return found
        raise KeyError(f"{self.name} has no consumer {self.name + group_suffix}")


@dataclass
class Suite:
    root: Path
    env: dict[str, str]
    services: dict[str, ServiceProcess] = field(default_factory=dict)
    clock: ZoneClock | None = None
    _clients: dict[tuple[str, tuple[str, ...], int], httpx.Client] = field(default_factory=dict)

    def with_clock(self, start: date = START) -> Suite:
        """Every process started from now on runs on the shared zone clock, pinned to `start`."""
        self.clock = ZoneClock(self.root / "zone-clock", start)
        self.env["PARK_ZONE_CLOCK_FILE"] = str(self.clock.path)
        return self

    def add(self, name: str, replica: str = "", **env: str) -> ServiceProcess:
        """A process of `name`; `replica` (`-b`) names another process of the same service,
        which keeps read models of its own (PARK_REPLICA)."""
        key = name + replica
        if replica:
            env = {"PARK_REPLICA": replica.lstrip("-"), **env}
        process = ServiceProcess(name, free_port(), {**self.env, **env}, self.root / f"{key}.log")
        self.services[key] = process
        return process

    def start(self, *names: str) -> None:
        for name in names:
            (self.services.get(name) or self.add(name)).start()
        for name in names:
            self.services[name].wait_ready()

    def stop(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()
        for process in self.services.values():
            process.stop()

    def __getitem__(self, key: str) -> ServiceProcess:
        return self.services[key]

    def client(self, name: str, *roles: str, level: int = 0) -> httpx.Client:
        """A client for process `name` with a token of its department and `roles` (cached)."""
        cache_key = (name, roles, level)
        if cache_key not in self._clients:
            process = self.services[name]
            department = DEPARTMENTS.get(process.name, "dash")
            headers = auth_header(department, *roles, level=level) if roles else {}
            self._clients[cache_key] = httpx.Client(base_url=process.url, headers=headers, timeout=30)
        return self._clients[cache_key]

    def settings(self) -> ParkSettings:
        """The suite's backend as settings, for the test's own bus reader or emitter."""
        fields = {k.lower(): v for k, v in self.env.items() if k.lower() in ParkSettings.model_fields}
        return ParkSettings.model_validate(fields)

    def logs(self) -> str:
        return "\n".join(
            f"--- {k}\n{p.log.read_text(errors='replace')[-2000:]}" for k, p in self.services.items()
        )


def eventually(check: Callable[[], Any], *, timeout: float = 30.0, what: str = "it") -> Any:
    """Polls a sync callable until it returns something truthy (exceptions count as not yet),
    every 0.1 s at first, then less often (each probe is a request to a busy service)."""
    deadline = time.monotonic() + timeout
    last: object = None
    pause = 0.1
    while time.monotonic() < deadline:
        try:
            last = check()
        except (httpx.HTTPError, AssertionError, KeyError, IndexError) as exc:
            last = exc
        else:
            if last:
                return last
        time.sleep(pause)
        pause = min(pause * 1.5, 1.0)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}; last: {last!r}")


_STARTED = time.monotonic()


def trace(what: str) -> None:
    """With E2E_TRACE=1 (and pytest -s): when each phase of a journey ends, to see where time goes."""
    if os.environ.get("E2E_TRACE") == "1":
        print(f"[e2e {time.monotonic() - _STARTED:7.1f}s] {what}", flush=True)


def ok(response: httpx.Response, status: int = 200) -> Any:
    """The JSON of a response that must have `status`; the problem detail otherwise."""
    assert response.status_code == status, f"{response.request.method} {response.request.url}: " + (
        f"{response.status_code} {response.text[:800]}"
    )
    return response.json()


def suite_env(
    backend: str, data_dir: Path, kafka: str | None, mongodb: str | None, namespace: str
) -> dict[str, str]:
    env = {"PARK_ENV": "test", "PARK_DATA_DIR": str(data_dir)}
    if backend == "real":
        assert kafka and mongodb
        env |= {
            "PARK_STORE": "mongodb",
            "MONGODB_URI": mongodb,
            "PARK_BUS": "kafka",
            "KAFKA_BOOTSTRAP_SERVERS": kafka,
            "PARK_NAMESPACE": namespace,
        }
    return env


def running(suite: Suite) -> Iterator[Suite]:
    try:
        yield suite
    finally:
        suite.stop()
