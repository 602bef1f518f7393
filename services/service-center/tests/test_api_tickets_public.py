"""Support tickets, and the public window (政务公开): procedures and performance."""

from datetime import date
from typing import Any

from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit

from .conftest import CATALOGUE, policy


async def test_a_ticket_is_opened_assigned_and_done(driver: Any) -> None:
    opened = await driver.client.post(
        "/tickets",
        json={"kind": "blueprint", "description": "3 A0 copies of the site plan"},
        headers=driver.officer,
    )
    assert opened.status_code == 201
    ticket_id = opened.json()["ticket_id"]
    early = await driver.client.post(f"/tickets/{ticket_id}/done", json={}, headers=driver.officer)
    assert early.status_code == 409 and "must be assigned" in early.json()["detail"]
    await driver.client.post(
        f"/tickets/{ticket_id}/assign", json={"assignee": "print room"}, headers=driver.officer
    )
    done = await driver.client.post(
        f"/tickets/{ticket_id}/done", json={"note": "picked up"}, headers=driver.officer
    )
    assert done.json()["status"] == "done"
    listed = (await driver.client.get("/tickets", params={"status": "done"}, headers=driver.head)).json()
    assert [t["ticket_id"] for t in listed] == [ticket_id]
    bad_kind = await driver.client.post(
        "/tickets", json={"kind": "catering", "description": "x"}, headers=driver.officer
    )
    assert bad_kind.status_code == 422 and bad_kind.json()["field"] == "kind"


async def test_the_public_sees_the_catalogue_in_force_without_a_token(driver: Any) -> None:
    response = await driver.client.get("/public/procedures")
    body = response.json()
    assert response.status_code == 200 and body["policy_id"] == "catalogue"
    assert [(s["code"], s["working_days"], s["green_channel_working_days"]) for s in body["steps"]] == [
        ("project_approval", 10, 5), ("land_use", 5, 2), ("fire_safety", 3, 1),
    ]  # fmt: skip
    assert body["public_holidays"] == ["2026-04-06"] and body["makeup_workdays"] == ["2026-04-11"]


async def test_the_public_window_names_the_catalogue_version_in_force(driver: Any) -> None:
    """HQ amends the catalogue (version 2 from May) and ends version 1 in April: the window
    names the version HQ gave it, however many events service-center recorded for the policy."""
    amended = {
        **policy("catalogue", "procedure_catalogue", CATALOGUE, version=2),
        "effective_from": "2026-05-01",
    }
    ended = {"policy_id": "catalogue", "version": 1, "superseded_by": 2, "effective_until": "2026-04-30"}
    await emit(driver.settings, "headquarters", "PolicyPublished.v1", amended, "policy-catalogue")
    await emit(driver.settings, "headquarters", "PolicySuperseded.v1", ended, "policy-catalogue")

    async def recorded() -> bool:
        version_1 = await (await driver.app.state.application.read_models()).get(
            "sc_policy_versions", "catalogue:1"
        )
        return bool(version_1 and version_1.get("effective_until"))

    await wait_until(recorded, timeout=20, what="the amendment recorded")
    assert (await driver.client.get("/public/procedures")).json()["version"] == 1
    driver.clock.set(date(2026, 5, 4))
    assert (await driver.client.get("/public/procedures")).json()["version"] == 2


async def test_performance_counts_decisions_within_the_promise(driver: Any) -> None:
    on_time = (await driver.open_walk_in())["case_id"]
    late = (await driver.open_walk_in(enterprise_name="Late Co"))["case_id"]
    for case_id in (on_time, late):
        await driver.hq_decides(case_id)
        await driver.step(case_id, "land_use", "submit", {"documents": ["application", "site plan"]})
        await driver.step(case_id, "land_use", "accept")
    driver.clock.set(date(2026, 4, 7))  # 2 working days after Thursday 2 April
    await driver.step(on_time, "land_use", "approve")
    driver.clock.set(date(2026, 4, 13))  # 7 working days: past the 5-day promise
    await driver.step(late, "land_use", "approve")
    stats = {p["step_code"]: p for p in (await driver.client.get("/public/performance")).json()}
    land = stats["land_use"]
    assert (land["step_name"], land["decided"], land["decided_within_promise"]) == ("用地", 2, 1)
    assert land["on_time_share"] == "0.50" and land["median_working_days"] == "4.5"
    assert stats["project_approval"]["decided"] == 2 and stats["fire_safety"]["on_time_share"] is None
