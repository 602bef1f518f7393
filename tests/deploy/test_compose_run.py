"""docker compose up, for real: docker-compose.yml with the local images of
docker-compose.local.yml (deploy/compose/run.sh prepare: the engine, the Compose CLI and the images)
comes up with SASL/SCRAM and ACLs, every health check turns healthy, and on the ports it publishes on
127.0.0.1 (free ones, under a project of its own) the seven journeys of tests/e2e pass; a service
container killed mid-burst of signings and started again leaves each lead one case and one invoice;
Prometheus scrapes every service; Jaeger holds a trace from investment to service-center. At the
end `down -v`, and the private engine stops if this test started it."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from park_shared.auth import mint_token
from park_shared.testing._process import free_port
from park_shared.zone_clock import days_ahead

from tests.e2e import test_journeys as journeys
from tests.e2e.harness import DEPARTMENTS, ServiceProcess, Suite, ZoneClock, eventually
from tests.e2e.test_faults import Burst, opened
from tests.e2e.zone import Zone

pytestmark = pytest.mark.real

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "deploy" / "compose" / "run.sh"
SERVICES = ("headquarters", "service-center", "industrial-co", "investment", "dashboard")
PROJECT = "parktest"
SECRET = secrets.token_hex(24)


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


class DaysClock(ZoneClock):
    """The harness's zone clock written as park_shared.zone_clock reads it: days ahead."""

    @property
    def offset(self) -> float:
        return days_ahead(self.path) * 86400

    def _write(self, seconds: float) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(f"{seconds / 86400!r}\n")
        tmp.chmod(0o644)
        os.replace(tmp, self.path)


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

    secret: str = SECRET
    _tokens: dict[tuple[str, tuple[str, ...], int], httpx.Client] = field(default_factory=dict)

    def client(self, name: str, *roles: str, level: int = 0) -> httpx.Client:
        key = (name, roles, level)
        if key not in self._tokens:
            department = DEPARTMENTS.get(name, "dash")
            extra: dict[str, object] = {"level": level} if level else {}
            token = mint_token(self.secret, department, list(roles), "compose-test", extra=extra)
            headers = {"Authorization": f"Bearer {token}"} if roles else {}
            self._tokens[key] = httpx.Client(base_url=self.services[name].url, headers=headers, timeout=30)
        return self._tokens[key]

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


def compose_env(zone_dir: Path, ports: dict[str, int], docker_host: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARK_", "KAFKA_", "DOCKER_"))}
    env |= {f"PARK_PORT_{name.upper().replace('-', '_')}": str(port) for name, port in ports.items()}
    env |= {
        "PARK_TOKEN_SECRET": SECRET,
        "PARK_PERSONAL_DATA_KEY": secrets.token_hex(24),
        "IC_PSEUDONYM_KEY": secrets.token_hex(24),
        "PARK_TEST_ZONE_DIR": str(zone_dir),
        "PARK_PUBLIC_RATE_LIMIT": "off",  # every request of the test comes from one address
    }
    if docker_host:
        env["DOCKER_HOST"] = docker_host
    return env


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    prepared = subprocess.run(["bash", str(RUN), "prepare"], capture_output=True, text=True, timeout=3600)
    assert prepared.returncode == 0, prepared.stderr[-4000:]
    info = dict(line.split("=", 1) for line in prepared.stdout.splitlines() if "=" in line)
    zone_dir = tmp_path_factory.mktemp("zone-clock")
    zone_dir.chmod(0o755)
    ports = {name: free_port() for name in (*SERVICES, "jaeger", "prometheus")}
    stack = Stack(info["COMPOSE"].split(" "), compose_env(zone_dir, ports, info["DOCKER_HOST"]), ports)
    try:
        up = stack.compose("up", "-d", "--build", "--wait", "--wait-timeout", "600", check=False)
        if up.returncode != 0:
            failed = [
                c["Service"]
                for c in stack.containers()
                if c["Health"] == "unhealthy" or (c["State"] != "running" and c["ExitCode"] != 0)
            ]
            logs = stack.compose("logs", "--tail", "25", *failed, check=False).stdout
            pytest.fail(f"compose up failed: {failed}\n{up.stderr[-1500:]}\n{logs[-8000:]}")
        yield stack
    finally:
        stack.compose("down", "-v", "--remove-orphans", check=False)
        if info.get("ENGINE_STARTED") == "1":
            subprocess.run(["bash", str(RUN), "stop-engine"], check=False, timeout=120)


@pytest.fixture(scope="module")
def zone(stack: Stack) -> Iterator[Zone]:
    suite = ComposeSuite(Path(stack.env["PARK_TEST_ZONE_DIR"]), {})
    suite.clock = DaysClock(suite.root / "days-ahead")
    for name in SERVICES:
        suite.services[name] = Container(name, stack.ports[name], {}, suite.root / f"{name}.log", stack=stack)
    zone = Zone(suite)
    zone.publish_baseline()
    yield zone
    suite.stop()


def test_every_container_is_healthy_and_publishes_on_loopback_only(stack: Stack) -> None:
    containers = {c["Service"]: c for c in stack.containers()}
    assert "grafana" not in containers, "the local run leaves Grafana out"
    setup = containers.pop("kafka-setup")
    assert setup["State"] == "exited" and setup["ExitCode"] == 0, setup
    for name, c in containers.items():
        assert c["State"] == "running", (name, c["Status"])
        if name not in ("otel-collector", "jaeger", "prometheus"):  # images without a health check
            assert c["Health"] == "healthy", (name, c["Status"])
        published = [p for p in c.get("Publishers") or [] if p.get("PublishedPort")]
        assert all(p["URL"] == "127.0.0.1" for p in published), (name, published)
    assert {int(p["PublishedPort"]) for c in containers.values() for p in c.get("Publishers") or []
            if p.get("PublishedPort")} == set(stack.ports.values())  # fmt: skip


JOURNEYS: list[Callable[[Zone], None]] = [
    journeys.test_1_a_published_policy_is_used_by_fees_catalogue_and_rewards,
    journeys.test_2_a_signed_lead_opens_one_case_and_is_registered,
    journeys.test_3_approval_approved_goes_on_rejected_stops,
    journeys.test_4_commissioning_lands_the_lead_grants_the_reward_and_raises_after_production_fees,
    journeys.test_5_an_overdue_step_opens_one_supervision_case,
    journeys.test_6_infrastructure_completed_services_parcels_which_are_listed_then_allocated,
    journeys.test_7_a_closed_offering_is_visible_to_hq_oversight_and_the_dashboard,
]


@pytest.mark.parametrize("journey", JOURNEYS, ids=lambda j: j.__name__.removeprefix("test_")[:2].strip("_"))
def test_the_journeys_pass_against_the_stack(
    stack: Stack, zone: Zone, journey: Callable[[Zone], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journeys, "emit", emitter(stack))
    journey(zone)


def test_a_service_container_killed_mid_burst_leaves_one_case_and_one_invoice_per_lead(zone: Zone) -> None:
    leads = zone.negotiating(12)
    centre = zone.suite["service-center"]
    burst = Burst(zone, leads)
    burst.start()
    eventually(lambda: opened(zone, leads) >= 3, what="the centre to be opening cases")
    centre.kill()
    assert len(burst.signed) < len(leads), "the burst ended before the crash: nothing was in flight"
    burst.finish()  # investment goes on signing while the centre is down
    centre.start()
    centre.wait_ready(timeout=180)
    zone.one_case_and_invoice_each(leads)
    assert centre.consumer()["dead_lettered"] == 0


def test_prometheus_scrapes_every_service(stack: Stack) -> None:
    expected = {f"{name}:{port}" for name, port in (
        ("dashboard", 8100), ("headquarters", 8101), ("service-center", 8102),
        ("industrial-co", 8103), ("investment", 8104),
    )}  # fmt: skip

    def all_up() -> dict[str, str] | None:
        body = httpx.get(stack.url("prometheus") + "/api/v1/targets", timeout=10).json()
        park = {t["labels"]["instance"]: t["health"] for t in body["data"]["activeTargets"]
                if t["labels"]["job"] == "park"}  # fmt: skip
        return park if set(park) == expected and set(park.values()) == {"up"} else None

    eventually(all_up, timeout=90, what="Prometheus to report every service target up")


def test_jaeger_holds_a_trace_from_investment_to_the_service_center(stack: Stack, zone: Zone) -> None:
    zone.signed_lead()  # one more signing, whose case service-center opens from the event

    def crossing() -> list[str] | None:
        r = httpx.get(
            stack.url("jaeger") + "/api/traces",
            params={"service": "investment", "lookback": "2h", "limit": "500"},
            timeout=20,
        )
        r.raise_for_status()
        for trace in r.json()["data"] or []:
            names = {p["serviceName"] for p in trace["processes"].values()}
            if {"investment", "service-center"} <= names:
                return sorted(names)
        return None

    eventually(crossing, timeout=90, what="a trace with spans of investment and service-center")
