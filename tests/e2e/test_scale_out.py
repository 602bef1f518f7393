"""Scale-out on Kafka: two service-center processes in one consumer group on topics of four
partitions share the signed leads; each lead gets exactly one case; when one replica stops in
the middle of a burst, the other takes over its partitions and nothing is lost."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from park_shared.backends import open_bus
from park_shared.settings import ParkSettings

from .conftest import zone_of
from .harness import eventually, ok, trace
from .test_faults import Burst
from .zone import Zone

pytestmark = pytest.mark.real

PARTITIONS = "4"


async def partitions_of(settings: ParkSettings, topic: str) -> int:
    bus = await open_bus("e2e-probe", settings, [topic])  # an existing topic is left as it is
    try:
        return len(await bus.producer.partitions_for(topic))  # type: ignore[attr-defined]
    finally:
        await bus.close()


def lead_signings_handled(zone: Zone, key: str, baseline: int) -> int:
    """LeadSigned (and HQ) events the replica's reaction group handled since `baseline`."""
    return int(zone.suite[key].consumer()["handled"]) - baseline


def test_two_replicas_share_the_leads_and_one_takes_over_when_the_other_stops(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    with zone_of(
        request,
        tmp_path,
        "real",
        (),
        baseline=False,
        KAFKA_PARTITIONS=PARTITIONS,
        SC_OVERDUE_SCAN_SECONDS="5",
    ) as zone:
        suite = zone.suite
        suite.add("service-center", "-a")
        suite.add("service-center", "-b")
        suite.start("headquarters", "investment", "service-center-a", "service-center-b")
        zone.publish_baseline()
        trace("two replicas and the baseline")
        a, b = suite["service-center-a"], suite["service-center-b"]
        settings = suite.settings()
        assert asyncio.run(partitions_of(settings, settings.topic("investment"))) == int(PARTITIONS)
        start = {
            key: int(suite[key].consumer()["handled"]) for key in ("service-center-a", "service-center-b")
        }

        # both members share the partitions: each handles some of the signings (a member that
        # joins the group late gets its share at the next round)
        shared: list[str] = []
        for _ in range(3):
            shared += Burst(zone, zone.negotiating(6)).run_now()
            zone.one_case_and_invoice_each(shared, key="service-center-a")
            handled = {key: lead_signings_handled(zone, key, start[key]) for key in start}
            if all(n > 0 for n in handled.values()):
                break
        assert all(n > 0 for n in handled.values()), handled
        assert sum(handled.values()) >= len(shared)
        trace(f"shared: {handled}")

        # one member stops in the middle of a burst: the other takes its partitions over
        leads = zone.negotiating(14)
        trace("leads in negotiation")
        burst = Burst(zone, leads, pause_after=5)
        burst.start()
        eventually(lambda: len(burst.signed) >= 5, what="the burst to be under way")
        try:
            b.stop()  # SIGTERM: its consumer leaves the group
            at_stop = int(a.consumer()["handled"])
        finally:
            burst.resume.set()  # the rest of the burst comes after b is gone
        in_flight = len(burst.signed)
        after_stop = burst.finish()[in_flight:]
        assert after_stop, "the burst ended before the replica stopped"

        trace(f"replica b stopped after {in_flight} signings")
        registered = zone.one_case_and_invoice_each(shared + leads, key="service-center-a")
        assert all(registered[lead] for lead in after_stop)  # only replica a was there to open them
        assert int(a.consumer()["handled"]) - at_stop >= len(after_stop)
        cases = [c for c in ok(zone.sc("service-center-a").get("/cases")) if c["lead_id"] in registered]
        assert len(cases) == len(shared) + len(leads)
        assert a.consumer()["dead_lettered"] == 0
