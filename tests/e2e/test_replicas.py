"""Every service as two replicas on the three-node cluster (topics of four partitions, one
consumer group per service shared by its two processes, one database per service shared too,
each process with read models of its own):
concurrent commands on one stream through both replicas lose no update; the overdue scan runs
in both centre replicas and HQ's supervision in both HQ replicas, yet each fires once; the
replicas' read models agree, and each replica lists both sets in /ops/read-models, its own and
the other's, both alive; a replica of every service stopped mid-burst loses nothing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from park_shared.testing.apps import auth_header
from park_shared.testing.kafka_cluster import KafkaCluster

from . import cluster as kafka
from .conftest import zone_of
from .harness import eventually, ok, trace
from .test_faults import Burst
from .zone import Zone, credit_code, money, uid

pytestmark = pytest.mark.real

SERVICES = ("headquarters", "service-center", "investment", "industrial-co")
SUBSCRIPTIONS = 16


def test_every_service_as_two_replicas(
    request: pytest.FixtureRequest, tmp_path: Path, kafka_cluster: KafkaCluster
) -> None:
    with zone_of(
        request, tmp_path, "real", (), baseline=False, kafka=kafka_cluster.url,
        KAFKA_PARTITIONS="4", SC_OVERDUE_SCAN_SECONDS="1",
    ) as zone:  # fmt: skip
        suite = zone.suite
        for name in SERVICES:
            suite.add(name)
            suite.add(name, "-b")
        suite.start(*SERVICES, *(f"{name}-b" for name in SERVICES))
        zone.publish_baseline()
        trace("two replicas of every service")

        no_lost_update(zone)
        trace("no lost update")
        leads = zone.negotiating(8)
        Burst(zone, leads).run_now()
        zone.one_case_and_invoice_each(leads)
        scheduled_once(zone, kafka_cluster.url, zone.case_of(leads[0])["case_id"])
        trace("the schedulers fired once")
        read_models_agree(zone)

        late = zone.negotiating(14)
        burst = Burst(zone, late, pause_after=4)
        burst.start()
        eventually(lambda: len(burst.signed) >= 4, what="the burst to be under way")
        try:
            for name in SERVICES:
                if name != "investment":  # the burst goes through the other one
                    suite[f"{name}-b"].stop()
        finally:
            burst.resume.set()
        assert len(burst.signed) < len(late), "the burst ended before the replicas stopped"
        burst.finish()
        trace("one replica of every service stopped mid-burst")
        zone.one_case_and_invoice_each(leads + late)
        zone.settled(timeout=120)
        assert all(p.consumer()["dead_lettered"] == 0 for p in suite.services.values() if p.running)


def no_lost_update(zone: Zone) -> None:
    """Subscriptions to one offering sent at once through both industrial-co replicas: each
    one lands (a conflicting append is retried on the new version), none overwrites another."""
    today = zone.today().isoformat()
    offering = ok(zone.ic.post("/offerings", json={
        "title": f"实业股份 {uid()}", "target_amount": "1000000.00", "unit_price": "10.00",
        "min_subscription": "1000.00", "max_subscription": "60000.00", "opens_on": today, "closes_on": today,
        "admitted_investor_types": ["sme"]}), 201)  # fmt: skip
    oid = offering["offering_id"]
    ok(zone.ic.post(f"/offerings/{oid}/open"))
    urls = [zone.suite[key].url for key in ("industrial-co", "industrial-co-b")]
    headers = auth_header("ic", "ic.manager")

    def subscribe(n: int) -> int:
        investor = {"type": "sme", "name": f"sme {uid()}", "credit_code": credit_code()}
        with httpx.Client(base_url=urls[n % 2], headers=headers, timeout=60) as client:
            body = {"investor": investor, "amount": "1000.00"}
            return client.post(f"/offerings/{oid}/subscriptions", json=body).status_code

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(subscribe, range(SUBSCRIPTIONS))) == [201] * SUBSCRIPTIONS
    for key in ("industrial-co", "industrial-co-b"):
        seen = ok(zone.suite.client(key, "ic.manager").get(f"/offerings/{oid}"))
        assert money(seen["subscribed_amount"]) == Decimal(1000 * SUBSCRIPTIONS), (key, seen)


def scheduled_once(zone: Zone, bootstrap: str, case_id: str) -> None:
    """Past its deadline, the step is flagged overdue once (both centre replicas scan every
    second) and HQ opens one supervision case (both HQ replicas in one group)."""
    assert zone.suite.clock is not None
    zone.suite.clock.advance(10)  # past five working days, whatever the weekday
    eventually(lambda: zone.step(case_id, "project_approval")["overdue"], what="the step flagged overdue")
    for key in ("headquarters", "headquarters-b"):
        client = zone.suite.client(key, "hq.official")
        eventually(lambda c=client: supervision(c, case_id), what=f"{key} to show a supervision case")
    zone.settled(timeout=120)  # more scans ran meanwhile, in both centre replicas
    for key in ("headquarters", "headquarters-b"):
        assert len(supervision(zone.suite.client(key, "hq.official"), case_id)) == 1
    topic = zone.suite.settings().topic("service-center")
    overdue = [s for s, _ in set(kafka.events(bootstrap, topic, ".StepOverdue.v1")) if case_id in s]
    assert len(overdue) == 1, overdue


def supervision(client: httpx.Client, case_id: str) -> list[dict[str, Any]]:
    cases = ok(client.get("/supervision-cases", params={"cause": "overdue"}))
    return [c for c in cases if c["case_id"] == case_id]


READS = {
    "headquarters": ("hq.official", ["/supervision-cases", "/policies"]),
    "service-center": ("sc.officer", ["/cases", "/invoices"]),
    "investment": ("inv.officer", ["/leads"]),
    "industrial-co": ("ic.manager", ["/offerings"]),
}


def read_models_agree(zone: Zone) -> None:
    zone.settled(timeout=120)
    for name, (role, paths) in READS.items():
        for path in paths:
            a = ok(zone.suite.client(name, role).get(path))
            b = ok(zone.suite.client(f"{name}-b", role).get(path))
            assert a == b and a, (name, path)
        for process, replica in ((name, ""), (f"{name}-b", "b")):
            sets = ok(zone.suite.client(process, role).get("/ops/read-models"))["sets"]
            seen = {found["replica"]: (found["own"], found["retired"]) for found in sets}
            assert seen == {"": (replica == "", False), "b": (replica == "b", False)}, (process, sets)
