"""The suite's services, and their processes on this machine."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

__all__ = ["SERVICES", "Service", "SuiteDirs", "by_name"]


@dataclass(frozen=True)
class Service:
    name: str
    module: str
    port: int
    department: str
    head_role: str
    base_url: str | None = None
    """Where it runs, when not on its own port of this machine."""

    @property
    def url(self) -> str:
        return self.base_url or f"http://127.0.0.1:{self.port}"


SERVICES = (
    Service("headquarters", "park_headquarters", 8101, "hq", "hq.head"),
    Service("service-center", "park_service_center", 8102, "sc", "sc.head"),
    Service("industrial-co", "park_industrial_co", 8103, "ic", "ic.manager"),
    Service("investment", "park_investment", 8104, "inv", "inv.officer"),
    Service("dashboard", "park_dashboard", 8100, "dash", "dash.viewer"),
)


def by_name(name: str) -> Service:
    for service in SERVICES:
        if service.name == name:
            return service
    raise KeyError(f"no service {name!r}; the suite has {', '.join(s.name for s in SERVICES)}")


def installed(service: Service) -> bool:
    from importlib.util import find_spec

    return find_spec(service.module) is not None


@dataclass(frozen=True)
class SuiteDirs:
    """Where `parkctl up` keeps its data, logs and pid files (default ./.park)."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def zone_clock(self) -> Path:
        """The days the suite's zone clock runs ahead (park_shared.zone_clock)."""
        return self.root / "zone-clock"

    def pid_file(self, service: Service) -> Path:
        return self.root / "run" / f"{service.name}.pid"

    def log_file(self, service: Service) -> Path:
        return self.root / "logs" / f"{service.name}.log"

    def start(self, service: Service, env: dict[str, str]) -> int:
        for folder in (self.data, self.root / "run", self.root / "logs"):
            folder.mkdir(parents=True, exist_ok=True)
        log = self.log_file(service).open("ab")
        process = subprocess.Popen(
            [sys.executable, "-m", service.module],
            env={**os.environ, **env, "PARK_DATA_DIR": str(self.data), "PORT": str(service.port)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.pid_file(service).write_text(f"{process.pid}\n")
        return process.pid

    def pid(self, service: Service) -> int | None:
        path = self.pid_file(service)
        if not path.exists():
            return None
        pid = int(path.read_text())
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            path.unlink()
            return None
        return pid

    def stop(self, service: Service, timeout: float = 15.0) -> bool:
        return bool(self.stop_all([service], timeout))

    def stop_all(self, services: list[Service], timeout: float = 15.0) -> list[Service]:
        """Signals every running one first, then waits for them together (they shut down side by
        side, not one after another); kills what is still there after `timeout`. Returns those
        that were running."""
        running = {s: pid for s in services if (pid := self.pid(s)) is not None}
        for pid in running.values():
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and any(self.pid(s) is not None for s in running):
            time.sleep(0.05)
        for service, pid in running.items():
            if self.pid(service) is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.pid_file(service).unlink(missing_ok=True)
        return list(running)


def probe(service: Service, path: str, timeout: float = 2.0) -> httpx.Response | None:
    try:
        return httpx.get(service.url + path, timeout=timeout)
    except httpx.HTTPError:
        return None
