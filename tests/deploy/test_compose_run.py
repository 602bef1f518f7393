"""docker compose up, for real: docker-compose.yml with the local images of
docker-compose.local.yml (deploy/compose/run.sh prepare: the engine, the Compose CLI and the images)
comes up with SASL/SCRAM and ACLs, every health check turns healthy, and on the ports it publishes on
127.0.0.1 (free ones, under a project of its own) the seven journeys of tests/e2e pass; a service
container killed mid-burst of signings and started again leaves each lead one case and one invoice;
Prometheus scrapes every service; Jaeger holds a trace from investment to service-center. At the
end `down -v`, and the private engine stops if this test started it."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from park_shared.testing._process import free_port

from tests.deploy.compose_stack import (
    RUN,
    SERVICES,
    ComposeSuite,
    Container,
    Stack,
    compose_env,
    emitter,
)
from tests.e2e import test_journeys as journeys
from tests.e2e.harness import ZoneClock, eventually
from tests.e2e.test_faults import Burst, opened
from tests.e2e.zone import Zone

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    prepared = subprocess.run(["bash", str(RUN), "prepare"], capture_output=True, text=True, timeout=3600)
    assert prepared.returncode == 0, prepared.stderr[-4000:]
    info = dict(line.split("=", 1) for line in prepared.stdout.splitlines() if "=" in line)
    zone_dir = tmp_path_factory.mktemp("zone-clock")
    zone_dir.chmod(0o755)
    ports = {name: free_port() for name in (*SERVICES, "jaeger", "prometheus")}
    keys_dir = tmp_path_factory.mktemp("keys")
    env = compose_env(zone_dir, ports, info["DOCKER_HOST"], keys_dir)
    stack = Stack(info["COMPOSE"].split(" "), env, ports)
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
    suite.keys_dir = Path(stack.env["PARK_JWKS_DIR"]).parent
    suite.clock = ZoneClock(suite.root / "days-ahead")  # pinned to the harness's Wednesday
    for name in SERVICES:
        suite.services[name] = Container(name, stack.ports[name], {}, suite.root / f"{name}.log", stack=stack)
    zone = Zone(suite)
    zone.publish_baseline()
    yield zone
    suite.stop()


def test_every_container_is_healthy_and_publishes_on_loopback_only(stack: Stack) -> None:
    containers = {c["Service"]: c for c in stack.containers()}
    assert "grafana" not in containers, "the local run leaves Grafana out"
    for job in ("tls-setup", "kafka-setup"):  # one-shot: the certificates, the topics and ACLs
        done = containers.pop(job)
        assert done["State"] == "exited" and done["ExitCode"] == 0, done
    for name, c in containers.items():
        assert c["State"] == "running", (name, c["Status"])
        if name not in ("otel-collector", "jaeger", "prometheus"):  # images without a health check
            assert c["Health"] == "healthy", (name, c["Status"])
        published = [p for p in c.get("Publishers") or [] if p.get("PublishedPort")]
        assert all(p["URL"] == "127.0.0.1" for p in published), (name, published)
    assert {int(p["PublishedPort"]) for c in containers.values() for p in c.get("Publishers") or []
            if p.get("PublishedPort")} == set(stack.ports.values())  # fmt: skip


PLAINTEXT_CLIENT = """
import asyncio, os
from aiokafka.admin import AIOKafkaAdminClient
async def main() -> None:
    for protocol in ("SASL_PLAINTEXT", "PLAINTEXT"):
        extra = {"sasl_mechanism": "SCRAM-SHA-256", "sasl_plain_username": os.environ["KAFKA_USERNAME"],
                 "sasl_plain_password": os.environ["KAFKA_PASSWORD"]} if protocol != "PLAINTEXT" else {}
        admin = AIOKafkaAdminClient(bootstrap_servers="kafka:9092", security_protocol=protocol,
                                    request_timeout_ms=5000, **extra)
        try:
            await asyncio.wait_for(admin.start(), 15)
            await asyncio.wait_for(admin.list_topics(), 15)
            print("ANSWERED", protocol)
        except Exception as refused:
            print("REFUSED", protocol, type(refused).__name__)
        finally:
            await admin.close()
asyncio.run(main())
"""


def test_the_broker_speaks_only_tls_and_the_services_use_it(stack: Stack) -> None:
    """Inside the stack: a client offering no TLS, even with a principal's right password, gets
    no answer from the broker; the services are configured for SASL_SSL with the deployment's CA."""
    done = stack.compose("exec", "-T", "investment", "python", "-c", PLAINTEXT_CLIENT, timeout=120)
    assert "ANSWERED" not in done.stdout, done.stdout
    assert done.stdout.count("REFUSED") == 2, done.stdout + done.stderr[-2000:]
    env = stack.compose("exec", "-T", "investment", "env").stdout
    assert "KAFKA_SECURITY_PROTOCOL=SASL_SSL" in env and "KAFKA_SSL_CAFILE=/certs/ca.crt" in env


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
    burst = Burst(zone, leads, pause_after=len(leads) // 2)  # half are certain to come after the kill
    burst.start()
    try:
        eventually(lambda: opened(zone, leads) >= 3, what="the centre to be opening cases")
        centre.kill()
        assert len(burst.signed) < len(leads), "the burst ended before the crash: nothing was in flight"
    finally:
        burst.resume.set()
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
