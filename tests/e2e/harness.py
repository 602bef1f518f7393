"""The suite as separate processes for end-to-end journeys: each service a `python -m` process
on a free loopback port, on the embedded default or on real Kafka + FerretDB."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
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


@dataclass
class ServiceProcess:
    name: str
    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
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

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(self.url + "/ready", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {timeout}s:\n{self.log.read_text()[-3000:]}")


@dataclass
class Suite:
    root: Path
    env: dict[str, str]
    services: dict[str, ServiceProcess] = field(default_factory=dict)

    def add(self, name: str, replica: str = "") -> ServiceProcess:
        key = name + replica
        process = ServiceProcess(name, free_port(), dict(self.env), self.root / f"{key}.log")
        self.services[key] = process
        return process

    def start(self, *names: str) -> None:
        for name in names:
            (self.services.get(name) or self.add(name)).start()
        for name in names:
            self.services[name].wait_ready()

    def stop(self) -> None:
        for process in self.services.values():
            process.stop()

    def client(self, name: str, *roles: str, level: int = 0) -> httpx.Client:
        process = self.services[name]
        department = DEPARTMENTS[process.name]
        headers = auth_header(department, *roles, level=level) if roles else {}
        return httpx.Client(base_url=process.url, headers=headers, timeout=30)


def eventually(check: object, *, timeout: float = 30.0, what: str = "it") -> object:
    """Polls a sync callable until it returns something truthy."""
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            last = check()  # type: ignore[operator]
        except (httpx.HTTPError, AssertionError, KeyError, IndexError) as exc:
            last = exc
        else:
            if last:
                return last
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}; last: {last!r}")


def suite_env(backend: str, data_dir: Path, kafka: str | None, mongodb: str | None, namespace: str) -> dict[str, str]:
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
