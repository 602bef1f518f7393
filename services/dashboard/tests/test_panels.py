"""The panels built from the sample zone, read once however often it is delivered; poison
messages kept as dead letters while the loop goes on; the read models rebuilt from the store."""

from __future__ import annotations

from datetime import date

from park_dashboard.settings import DashboardSettings
from park_dashboard.testing import SampleEvent, publish
from park_shared.backends import open_bus
from park_shared.bus.port import Message

from .conftest import Dashboard


async def test_the_panels_show_the_zone_at_a_glance(dashboard: Dashboard) -> None:
    events = await dashboard.shows_sample_zone(times=2)  # every event delivered twice
    assert dashboard.reader.duplicates == len(events)
    summary = (await dashboard.client.get("/api/summary")).json()
    assert summary["parks"] == {"north": "北园 North Park", "south": "南园 South Park"}
    investment = summary["investment"]
    assert [s["count"] for s in investment["funnel"]] == [12, 9, 7, 5, 4, 1]
    assert investment["by_platform"]["merchant"] == [4, 3, 2, 2, 1, 1]
    assert (investment["lost"], investment["duplicates_prevented"]) == (1, 3)
    assert (investment["rewards_granted_amount"], investment["rewards_paid"]) == ("200000.00", 1)
    assert investment["signed_amount"] == "1000000000.00"


async def test_the_service_panel_rates_each_step_against_its_promise(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone()
    service = (await dashboard.client.get("/api/service")).json()
    assert (service["open_cases"], service["sealed_cases"], service["green_channel_open"]) == (4, 1, 1)
    rates = {r["step_code"]: r for r in service["on_time"]}
    assert list(rates)[:2] == ["project_approval", "land_use"]  # the catalogue's order
    assert (rates["land_use"]["decided"], rates["land_use"]["on_time"], rates["land_use"]["rate"]) == (
        3,
        2,
        0.6667,
    )
    assert rates["environmental_assessment"]["overdue_open"] == 1
    assert rates["environmental_assessment"]["promised_working_days"] == 20
    assert [(o["case_id"], o["step_code"]) for o in service["overdue"]] == [
        ("case-3", "environmental_assessment")
    ]
    assert {s["stage"]: s["count"] for s in service["open_by_step"]} == {
        "project_approval": 2,
        "environmental_assessment": 1,
        "construction_permit": 1,
    }


async def test_administration_and_market(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone()
    adm = (await dashboard.client.get("/api/administration")).json()
    assert sorted((p["policy_id"], p["version"]) for p in adm["policies_in_force"]) == [
        ("catalogue", 1),
        ("fees", 1),
        ("preferential", 2),
        ("reward", 1),
    ]
    assert [a["case_id"] for a in adm["approvals_waiting"]] == ["case-2", "case-4"]
    assert adm["approvals_waiting"][1]["days_left"] > adm["approvals_waiting"][0]["days_left"]
    assert [s["supervision_id"] for s in adm["supervision_open"]] == ["sup-1"]
    market = (await dashboard.client.get("/api/market")).json()
    offerings = {o["offering_id"]: o for o in market["offerings"]}
    assert (offerings["off-2025"]["raised"], offerings["off-2025"]["percent"]) == ("31500000.00", 63.0)
    assert offerings["off-2024"]["status"] == "closed" and offerings["off-2024"]["holders"] == 86
    projects = {p["project_id"]: p for p in market["projects"]}
    assert projects["proj-road-1"]["progress"] == 100 and projects["proj-water-1"]["progress"] == 45
    assert market["parcels"] == {  # north-A05 requisitioned, then planned: planned
        "north": {"to_requisition": 2, "requisitioned": 0, "planned": 3, "serviced": 1, "allocated": 1},
        "south": {"to_requisition": 0, "requisitioned": 1, "planned": 2, "serviced": 1, "allocated": 0},
    }


async def test_a_poison_message_is_kept_as_a_dead_letter_and_the_loop_goes_on(
    dashboard: Dashboard, embedded: DashboardSettings
) -> None:
    good = SampleEvent(
        "investment", "LeadLost.v1", "lead-1", {"lead_id": "lead-1", "reason": "x", "stage": "new"}
    )
    bad = SampleEvent("investment", "LeadLost.v1", "lead-2", {"reason": "no lead id"})
    bus = await open_bus("poison-test", embedded, [embedded.topic("investment")])
    try:
        garbage = Message(embedded.topic("investment"), "k", b"not an event")
        await bus.publish([bad.envelope().to_message(embedded.topic("investment")), garbage])
    finally:
        await bus.close()
    await publish(embedded, [good])
    await dashboard.seen(1, rejected=2)
    letters = (await dashboard.client.get("/api/dead-letters")).json()
    reasons = sorted(d["reason"] for d in letters)
    assert reasons[0].startswith("invalid park.investment.LeadLost.v1: lead_id (missing)")
    assert reasons[1].startswith("missing CloudEvents headers")
    assert (await dashboard.client.get("/api/feed")).json()["items"][0]["id"] == good.id


async def test_the_read_models_rebuild_from_the_dashboards_own_store(dashboard: Dashboard) -> None:
    events = await dashboard.shows_sample_zone(date.today())
    before = (await dashboard.client.get("/api/summary")).json()
    runner = dashboard.runtime.projection_runner
    assert runner is not None
    assert await runner.rebuild() == len(events) * 7  # seven projections, each over every event
    assert (await dashboard.client.get("/api/summary")).json() == before


async def test_the_dashboard_never_publishes(dashboard: Dashboard, embedded: DashboardSettings) -> None:
    await dashboard.shows_sample_zone()
    assert dashboard.runtime.relay is None and dashboard.runtime.consumers == []
    bus = await open_bus("spy", embedded, [])
    try:
        spy = bus.subscribe("spy", [embedded.topic("dashboard"), embedded.dlq("dashboard")])
        assert await spy.poll(timeout=0.3) == []
        await spy.close()
    finally:
        await bus.close()
