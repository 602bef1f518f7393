"""Faults in the journeys: service-center crashes (SIGKILL) in the middle of a burst of signings;
the Kafka broker goes away and comes back in the middle of a journey; an event that every
consumer rejects. Each time: nothing lost, nothing doubled, and the flows go on."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from park_shared.backends import open_bus
from park_shared.bus.port import Message
from park_shared.settings import ParkSettings
from park_shared.testing.events import emit
from park_shared.testing.servers import start_kafka

from .conftest import BACKENDS, zone_of
from .harness import eventually, ok, trace
from .zone import Zone, money, uid

SERVICES = ("headquarters", "service-center", "investment")
BURST = 16
OUTAGE = 17.0  # seconds


@pytest.fixture(scope="module", params=BACKENDS)
def zone(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Zone]:
    """On the real backend the suite has a broker of its own, which a test may stop and restart
    (FerretDB is the session's)."""
    root = tmp_path_factory.mktemp(f"faults-{request.param}")
    if request.param == "embedded":
        with zone_of(request, root, "embedded", SERVICES) as z:
            yield z
        return
    kafka = start_kafka(root / "kafka")
    try:
        with zone_of(request, root / "suite", "real", SERVICES, kafka=kafka.url) as z:
            z.kafka = kafka
            yield z
    finally:
        kafka.stop()


class Burst(threading.Thread):
    """Signs the agreements of `leads` one after another, over its own connection; with a
    `pause_after`, it stops there until `resume` is set, so that some signings are certain to
    come after whatever the test does in between, however fast the zone is."""

    def __init__(self, zone: Zone, leads: list[str], pause_after: int | None = None) -> None:
        super().__init__(daemon=True)
        self.url = zone.suite["investment"].url
        self.headers = dict(zone.inv.headers)
        self.leads = leads
        self.pause_after = pause_after
        self.resume = threading.Event()
        self.signed: list[str] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with httpx.Client(base_url=self.url, headers=self.headers, timeout=60) as client:
                for lead_id in self.leads:
                    if len(self.signed) == self.pause_after:
                        self.resume.wait(120)
                    ok(client.post(f"/leads/{lead_id}/agreement", json={"signed_amount": "800000.00"}))
                    self.signed.append(lead_id)
        except BaseException as exc:  # reported by finish()
            self.error = exc

    def run_now(self) -> list[str]:
        """Signs them all in the calling thread."""
        self.run()
        assert self.error is None, self.error
        return self.signed

    def finish(self) -> list[str]:
        self.join(120)
        assert self.error is None, self.error
        assert self.signed == self.leads
        return self.signed


def opened(zone: Zone, leads: list[str]) -> int:
    return sum(1 for c in ok(zone.sc().get("/cases")) if c["lead_id"] in leads)


def test_service_center_killed_mid_burst_every_lead_gets_one_case_and_one_invoice(zone: Zone) -> None:
    leads = zone.negotiating(BURST)
    trace("leads in negotiation")
    centre = zone.suite["service-center"]
    burst = Burst(zone, leads, pause_after=BURST // 2)
    burst.start()
    try:
        eventually(lambda: opened(zone, leads) >= 3, what="the centre to be opening cases")
        centre.kill()
        signed_at_kill = len(burst.signed)
        assert signed_at_kill < len(leads), "the burst ended before the crash: nothing was in flight"
        burst.resume.set()
        burst.finish()  # investment goes on signing while the centre is down
        trace(f"killed after {signed_at_kill} signings; burst done")
    finally:
        burst.resume.set()
        if not centre.running:
            centre.start()
            centre.wait_ready()
    trace("centre restarted")

    zone.one_case_and_invoice_each(leads)
    trace("every lead: one case, one invoice")
    assert zone.suite["service-center"].consumer()["dead_lettered"] == 0


def test_an_event_every_consumer_rejects_is_dead_lettered_shown_and_the_flow_goes_on(zone: Zone) -> None:
    settings = zone.suite.settings()
    consumers = [zone.suite[name] for name in ("service-center", "investment")]
    before = {p.name: p.consumer() for p in consumers}
    # the poison goes first on the very key (policy stream) of the next policy HQ publishes
    policy_id = f"pol-after-poison-{uid()}"
    poison = {"policy_id": policy_id, "version": "one", "kind": "preferential"}  # no title, terms, dates
    event_id = asyncio.run(
        emit(settings, "headquarters", "PolicyPublished.v1", poison, f"policy-{policy_id}")
    )

    for process in consumers:  # what `parkctl status` shows in its DLQ column
        eventually(
            lambda p=process: p.consumer()["dead_lettered"] == before[p.name]["dead_lettered"] + 1,
            what=f"{process.name} to dead-letter the poison",
        )
        dead = asyncio.run(dead_letter(settings, settings.dlq(process.name), event_id))
        assert dead.header("dlq_reason") and "PolicyPublished" in (dead.header("dlq_reason") or "")
        assert dead.header("dlq_source_topic") == settings.topic("headquarters")
    shown = parkctl_status(consumers)
    for process in consumers:
        name, dlq = process.consumer()["name"], before[process.name]["dead_lettered"] + 1
        assert any(name in row and row.split("│")[-3].strip() == str(dlq) for row in shown), shown

    # the flow behind it goes on: the next policy on the same key is used, a lead gets its case
    industry = f"pharma-{uid()}"
    rule = {
        "fee_code": "infra",
        "discount_percent": "0",
        "waiver": True,
        "industries": [industry],
        "parks": [],
    }
    draft = {
        "policy_id": policy_id,
        "kind": "preferential",
        "title": "infra waived",
        "terms": {"rules": [rule]},
    }
    effective = ok(zone.hq.post("/policies", json=draft), 201)["versions"][0]["drafted_on"]
    ok(zone.hq.post(f"/policies/{policy_id}/versions/1/publish", json={"effective_from": effective}))
    zone.settled()
    lead_id = zone.signed_lead(industry=industry)
    case = zone.case_of(lead_id)
    infra = next(line for line in zone_invoice(zone, case["case_id"])["lines"] if line["fee_code"] == "infra")
    assert money(infra["due"]) == 0
    assert zone.all_registered([lead_id]) == {lead_id: case["case_id"]}
    for process in consumers:  # lag is read at a moment: a later event may just have arrived
        after = eventually(lambda p=process: caught_up(p), what=f"{process.name} to catch up")
        assert after["dead_lettered"] == before[process.name]["dead_lettered"] + 1
        assert after["handled"] > before[process.name]["handled"]


def caught_up(process: Any) -> dict[str, Any] | None:
    """The consumer's reading if its lag is 0 at this moment, else None."""
    reading: dict[str, Any] = process.consumer()
    return reading if reading["lag"] == 0 else None


def parkctl_status(processes: list[Any]) -> list[str]:
    """The rows of `parkctl status` for these service processes (run as an operator would)."""
    urls = [arg for p in processes for arg in ("--url", f"{p.name}={p.url}")]
    done = subprocess.run(
        [str(Path(sys.executable).with_name("parkctl")), "status", *urls],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines()


def zone_invoice(zone: Zone, case_id: str) -> dict[str, Any]:
    invoices = eventually(lambda: zone.invoices(case_id), what=f"the invoice of {case_id}")
    assert len(invoices) == 1
    invoice: dict[str, Any] = invoices[0]
    return invoice


async def dead_letter(settings: ParkSettings, topic: str, event_id: str, timeout: float = 30) -> Message:
    """The message with `event_id` on the dead-letter topic, read by a fresh consumer group."""
    bus = await open_bus("e2e-dlq-reader", settings, [topic])
    subscription = bus.subscribe(f"e2e-dlq-reader-{uuid.uuid4().hex[:8]}", [topic])
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in await subscription.poll(timeout=1.0):
                if message.header("ce_id") == event_id:
                    return message
        raise AssertionError(f"{event_id} is not on {topic}")
    finally:
        await subscription.close()
        await bus.close()


@pytest.mark.parametrize("zone", [pytest.param("real", marks=pytest.mark.real)], indirect=True)
def test_the_broker_restarted_mid_journey_loses_and_doubles_nothing(zone: Zone) -> None:
    kafka = zone.kafka
    assert kafka is not None
    dead_before = {name: dead_letters_of(zone, name) for name in SERVICES}
    before, during = zone.negotiating(6), zone.negotiating(6)
    first = zone.signed_lead()
    first_case = zone.case_of(first)["case_id"]
    trace("leads ready")
    for lead_id in before:
        ok(zone.inv.post(f"/leads/{lead_id}/agreement", json={"signed_amount": "500000.00"}))
    kafka.stop()  # mid-journey: these signings are stored, their events not all handled
    down_since = time.monotonic()
    for lead_id in during:  # commands go on while the broker is away
        ok(zone.inv.post(f"/leads/{lead_id}/agreement", json={"signed_amount": "500000.00"}))
    decided = zone.hq_official.post(f"/project-approvals/apr-{first_case}/approve", json={})
    assert ok(decided)["status"] == "approved"  # HQ decides; its event waits in the outbox
    assert opened(zone, during) == 0, "the centre saw events while the broker was down"
    assert not zone.step_is(first_case, "project_approval", "approved")
    trace("broker stopped, commands went on")
    # an outage longer than the producers' request timeout (15 s): the sends queued meanwhile
    # expire at the restart, which used to jam an idempotent producer for good
    time.sleep(max(0.0, OUTAGE - (time.monotonic() - down_since)))
    kafka.restart()
    trace("broker restarted")

    zone.one_case_and_invoice_each([first, *before, *during])
    eventually(lambda: zone.step_is(first_case, "project_approval", "approved"), what="the decision")
    trace("everything arrived once")
    zone.pass_land_use(first_case)
    assert ok(zone.sc().post(f"/cases/{first_case}/seal"))["status"] == "sealed"
    assert {name: dead_letters_of(zone, name) for name in SERVICES} == dead_before


def dead_letters_of(zone: Zone, name: str) -> dict[str, int]:
    return {c["name"]: c["dead_lettered"] for c in zone.suite[name].ops_status()["consumers"]}
