"""The compose project tests/deploy/test_compose_run.py drives, and the tests/e2e harness bent to
it: services are containers at published ports, tokens signed with the deployment's department
keys (the stack mounts only their public JWKS), the zone clock a file every container reads,
events emitted from inside the stack."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from park_shared.auth import mint_token
from park_shared.keys import SigningKey, issue_keys

from tests.e2e.harness import DEPARTMENTS, ServiceProcess, Suite

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "deploy" / "compose" / "run.sh"
SERVICES = ("headquarters", "service-center", "industrial-co", "investment", "dashboard")
PROJECT = "parktest"


@dataclass
class Stack:
    """The compose project under test: its CLI, files, environment and published ports."""

    cli: list[str]
    env: dict[str, str]
    ports: dict[str, int]
    files: tuple[Path, ...] = (
        ROOT / "docker-compose.yml",
        ROOT / "docker-compose.local.yml",
        Path(__file__).with_name("compose.zone-clock.yml"),
    )

    def compose(
        self, *args: str, check: bool = True, timeout: float = 1800
    ) -> subprocess.CompletedProcess[str]:
        command = [*self.cli, "-p", PROJECT, *(a for f in self.files for a in ("-f", str(f))), *args]
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=timeout)
        if check:
            assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def containers(self) -> list[dict[str, Any]]:
        out = self.compose("ps", "-a", "--format", "json").stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]


@dataclass
class Container(ServiceProcess):
    """A service of the stack, driven like the harness's processes: SIGKILL, start, ready."""

    stack: Stack | None = None

    @property
    def running(self) -> bool:
        return True

    def kill(self) -> None:
        assert self.stack is not None
        self.stack.compose("kill", "-s", "SIGKILL", self.name)

    def start(self) -> None:
        assert self.stack is not None
        self.stack.compose("start", self.name)

    def stop(self) -> None:
        pass  # `down` stops the stack


@dataclass
class ComposeSuite(Suite):
    """The harness's suite over the stack's published ports, with tokens the stack accepts."""

    keys_dir: Path = Path()
    """The deployment's keyring (`issue_keys`): private keys here, public ones mounted."""
    _tokens: dict[tuple[str, tuple[str, ...], int], httpx.Client] = field(default_factory=dict)

    def client(self, name: str, *roles: str, level: int = 0) -> httpx.Client:
        key = (name, roles, level)
        if key not in self._tokens:
            department = DEPARTMENTS.get(name, "dash")
            extra: dict[str, object] = {"level": level} if level else {}
            token = mint_token(self._key(department), list(roles), "compose-test", extra=extra)
            headers = {"Authorization": f"Bearer {token}"} if roles else {}
            self._tokens[key] = httpx.Client(base_url=self.services[name].url, headers=headers, timeout=30)
        return self._tokens[key]

    def _key(self, department: str) -> SigningKey:
        return next(k for k in issue_keys(self.keys_dir) if k.issuer == department)

    def stop(self) -> None:
        for client in self._tokens.values():
            client.close()


EMIT = """
import asyncio, json, sys
from park_shared.settings import ParkSettings
from park_shared.testing.events import emit
service, event_type, subject, times, data = sys.argv[1:]
print(asyncio.run(emit(ParkSettings(), service, event_type, json.loads(data), subject, times=int(times))))
"""


def emitter(stack: Stack) -> Callable[..., Coroutine[Any, Any, str]]:
    """tests/e2e's `emit` for the stack: Kafka is reachable only inside it, with a principal's
    password, so the event is published from the emitting service's own container, as that
    service (its principal may write only its own topic)."""

    async def emit(
        settings: object, service: str, event_type: str, data: dict[str, Any], subject: str, *, times: int = 1
    ) -> str:
        args = (service, event_type, subject, str(times), json.dumps(data))
        done = stack.compose("exec", "-T", service, "python", "-c", EMIT, *args, timeout=120)
        return done.stdout.strip().splitlines()[-1]

    return emit


def compose_env(zone_dir: Path, ports: dict[str, int], docker_host: str, keys_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARK_", "KAFKA_", "DOCKER_"))}
    env |= {f"PARK_PORT_{name.upper().replace('-', '_')}": str(port) for name, port in ports.items()}
    issue_keys(keys_dir)
    env |= {
        "PARK_JWKS_DIR": str(keys_dir / "public"),
        "PARK_PERSONAL_DATA_KEY": secrets.token_hex(24),
        "IC_PSEUDONYM_KEY": secrets.token_hex(24),
        "PARK_TEST_ZONE_DIR": str(zone_dir),
        "PARK_PUBLIC_RATE_LIMIT": "off",  # every request of the test comes from one address
    }
    if docker_host:
        env["DOCKER_HOST"] = docker_host
    return env
