"""/land-requisitions and the compensation standard (a policy kind): a case, agreements at no less
than the standard in force on their day, resettlement, policy-handling issues, completion."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from park_headquarters.application.requisitions import open_overdue_stages
from park_headquarters.domain.land_requisition import RecordCompensationPaid
from park_shared.handler import CommandContext
from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit

if TYPE_CHECKING:
    from conftest import Hq

CASE = {
    "case_id": "req-north-a",
    "parcel_ids": ["north-A01", "north-A02"],
    "collectives": [
        {"collective_id": "east-village", "name": "东村", "households": 12, "parcel_ids": ["north-A01"]},
        {"collective_id": "west-village", "name": "西村", "households": 5, "parcel_ids": ["north-A02"]},
    ],
}


async def standard(hq: Hq, per_mu: dict[str, str], effective_from: object, version: int = 1) -> None:
    c = hq.client
    terms = {"per_mu": per_mu}
    if version == 1:
        drafted = await hq.draft_policy("compensation", "compensation_standard", "征地补偿标准", terms)
    else:
        drafted = await c.post(
            "/policies/compensation/versions",
            json={"title": "征地补偿标准", "terms": terms},
            headers=hq.official,
        )
    assert drafted.status_code == 201, drafted.text
    published = await c.post(
        f"/policies/compensation/versions/{version}/publish",
        json={"effective_from": str(effective_from)},
        headers=hq.head,
    )
    assert published.status_code == 200, published.text


async def parcel_status(hq: Hq, parcel_id: str) -> str:
    found = await hq.client.get(f"/parcels/{parcel_id}", headers=hq.official)
    return str(found.json()["status"]) if found.status_code == 200 else "none"


def agreement(collective: str, parcel: str, amount: str, **more: Any) -> dict[str, Any]:
    return {
        "collective_id": collective,
        "parcel_ids": [parcel],
        "areas": {"arable": "10"},
        "amount": amount,
        **more,
    }


async def test_a_case_from_opening_to_completion_at_the_standard_in_force(hq: Hq) -> None:
    c, monday = hq.client, hq.monday
    await standard(hq, {"arable": "30000", "forest": "8000"}, monday)
    await standard(hq, {"arable": "36000", "forest": "9000"}, monday + timedelta(days=7), version=2)

    opened = await c.post("/land-requisitions", json=CASE, headers=hq.official)
    assert opened.status_code == 201, opened.text
    assert (opened.json()["status"], opened.json()["by_collective"]) == ("open", {})
    assert [await parcel_status(hq, p) for p in CASE["parcel_ids"]] == ["to_requisition"] * 2
    plan = {"park_id": "north", "code": "A01", "planned_use": "industrial", "area_m2": 20000}
    too_early = await c.post("/parcels", json=plan, headers=hq.planner_1)
    assert (too_early.status_code, too_early.json()["parcel_status"]) == (409, "to_requisition")

    # signed on the monday: version 1 (300 000 for 10 mu); later: version 2 (360 000)
    east = await c.post(
        "/land-requisitions/req-north-a/agreements",
        json=agreement("east-village", "north-A01", "300000", signed_on=str(monday)),
        headers=hq.official,
    )
    assert east.status_code == 201, east.text
    signed = east.json()["by_collective"]["east-village"]["agreement"]
    assert (Decimal(signed["minimum"]), signed["standard_policy_id"], signed["standard_version"]) == (
        Decimal("300000"),
        "compensation",
        1,
    )
    hq.set_today(monday + timedelta(days=7))
    below = await c.post(
        "/land-requisitions/req-north-a/agreements",
        json=agreement("west-village", "north-A02", "300000"),
        headers=hq.official,
    )
    assert (below.status_code, below.json()["field"]) == (422, "amount")
    assert "version 2" in below.json()["detail"]
    west = await c.post(
        "/land-requisitions/req-north-a/agreements",
        json=agreement("west-village", "north-A02", "360000"),
        headers=hq.head,
    )
    assert west.json()["by_collective"]["west-village"]["agreement"]["standard_version"] == 2

    noted = await c.post(
        "/land-requisitions/req-north-a/resettlement",
        json={"collective_id": "east-village", "households_resettled": 12, "note": "安置小区一期"},
        headers=hq.official,
    )
    assert noted.json()["by_collective"]["east-village"]["resettlement"]["households_resettled"] == 12
    issue = await c.post(
        "/land-requisitions/req-north-a/issues",
        json={"issue_id": "graves", "description": "迁坟补偿争议"},
        headers=hq.official,
    )
    assert issue.status_code == 201 and issue.json()["issues"]["graves"]["status"] == "open"

    # industrial-co's payments (by event, next): the aggregate records them
    payer = CommandContext(actor="industrial-co:system")
    for collective, amount in (("east-village", "300000"), ("west-village", "360000")):
        paid = RecordCompensationPaid(
            case_id="req-north-a",
            collective_id=collective,
            amount=Decimal(amount),
            payment_id=f"pay-{collective}",
            paid_on=monday + timedelta(days=8),
        )
        await hq.application.requisitions.handle("req-north-a", paid, payer)
    still_open = (await c.get("/land-requisitions/req-north-a", headers=hq.planner_1)).json()
    assert still_open["status"] == "open"  # an issue is open
    assert still_open["by_collective"]["west-village"]["payment"]["payment_id"] == "pay-west-village"

    closed = await c.post(
        "/land-requisitions/req-north-a/issues/graves/close",
        json={"resolution": "按标准补偿"},
        headers=hq.official,
    )
    assert closed.status_code == 200, closed.text
    assert (closed.json()["status"], closed.json()["completed_on"]) == (
        "completed",
        str(monday + timedelta(days=7)),
    )
    assert closed.json()["issues"]["graves"]["resolution"] == "按标准补偿"
    listed = (await c.get("/land-requisitions", params={"status": "completed"}, headers=hq.official)).json()
    assert [r["case_id"] for r in listed] == ["req-north-a"]
    assert "RequisitionCompleted" in await hq.event_types()
    a01 = (await c.get("/parcels/north-A01", headers=hq.official)).json()
    assert (a01["status"], a01["requisition_case_id"], a01["requisitioned_on"]) == (
        "requisitioned",
        "req-north-a",
        str(monday + timedelta(days=7)),
    )
    planned = await c.post("/parcels", json=plan, headers=hq.planner_1)
    assert planned.status_code == 201 and planned.json()["status"] == "planned", planned.text
    assert await parcel_status(hq, "north-A02") == "requisitioned"


async def test_bad_requisition_commands_are_refused_and_nothing_is_stored(hq: Hq) -> None:
    c, monday = hq.client, hq.monday
    await hq.hold("north", "H01")
    before = await hq.last_position()
    no_standard = await c.post("/land-requisitions", json=CASE, headers=hq.official)
    assert no_standard.status_code == 201
    without = await c.post(
        "/land-requisitions/req-north-a/agreements",
        json=agreement("east-village", "north-A01", "300000"),
        headers=hq.official,
    )
    assert without.status_code == 409 and "no compensation standard" in without.json()["detail"]
    await standard(hq, {"arable": "30000"}, monday)
    before = await hq.last_position()

    refusals: list[tuple[str, dict[str, Any], int, str | None]] = [
        ("/land-requisitions", {**CASE, "case_id": "x1", "parcel_ids": ["east-Z9"]}, 422, "parcel_ids"),
        ("/land-requisitions", {**CASE, "case_id": "x5", "parcel_ids": ["north-H01"]}, 409, None),
        (
            "/land-requisitions",
            {**CASE, "case_id": "x2", "parcel_ids": ["north-A03"]},
            422,
            "collectives[0].parcel_ids",
        ),
        ("/land-requisitions", CASE, 409, None),
        ("/land-requisitions", {**CASE, "case_id": "x4"}, 409, None),  # its parcels are in req-north-a
        (
            "/land-requisitions/req-north-a/agreements",
            agreement("east-village", "north-A03", "300000"),
            422,
            "parcel_ids",
        ),
        (
            "/land-requisitions/req-north-a/agreements",
            agreement("south-village", "north-A01", "300000"),
            422,
            "collective_id",
        ),
        (
            "/land-requisitions/req-north-a/agreements",
            agreement("east-village", "north-A01", "299999.99"),
            422,
            "amount",
        ),
        (
            "/land-requisitions/req-north-a/agreements",
            {**agreement("east-village", "north-A01", "400000"), "areas": {"forest": "1"}},
            422,
            "areas",
        ),
        (
            "/land-requisitions/req-north-a/agreements",
            agreement("east-village", "north-A01", "300000", signed_on=str(monday + timedelta(days=1))),
            422,
            "signed_on",
        ),
        ("/land-requisitions/nope/agreements", agreement("east-village", "north-A01", "300000"), 404, None),
        (
            "/land-requisitions/req-north-a/resettlement",
            {"collective_id": "west-village", "households_resettled": 6},
            422,
            "households_resettled",
        ),
        ("/land-requisitions/req-north-a/issues/none/close", {"resolution": "x"}, 404, None),
    ]
    for path, body, status, field in refusals:
        refused = await c.post(path, json=body, headers=hq.official)
        assert refused.status_code == status, (path, refused.text)
        if field is not None:
            assert refused.json()["field"] == field, (path, refused.text)
    by_planner = await c.post("/land-requisitions", json={**CASE, "case_id": "x3"}, headers=hq.planner_1)
    assert by_planner.status_code == 403
    held = await c.post(
        "/land-requisitions", json={**CASE, "case_id": "x5", "parcel_ids": ["north-H01"]}, headers=hq.official
    )
    assert (held.json()["parcel_status"], held.json()["parcel_id"]) == ("requisitioned", "north-H01")
    taken = await c.post("/land-requisitions", json={**CASE, "case_id": "x4"}, headers=hq.official)
    assert (taken.json()["parcel_status"], taken.json()["case_id"]) == ("to_requisition", "req-north-a")
    assert await hq.last_position() == before
    assert await parcel_status(hq, "north-A03") == "none"  # the refused x2 named no parcel

    await c.post(
        "/land-requisitions/req-north-a/agreements",
        json=agreement("east-village", "north-A01", "300000"),
        headers=hq.official,
    )
    before = await hq.last_position()
    twice = await c.post(
        "/land-requisitions/req-north-a/agreements",
        json=agreement("east-village", "north-A01", "310000"),
        headers=hq.official,
    )
    assert twice.status_code == 409 and "signed" in twice.json()["detail"]
    bad_terms = await hq.draft_policy(
        "compensation-2", "compensation_standard", "x", {"per_mu": {"moon": "1"}}
    )
    assert (bad_terms.status_code, bad_terms.json()["field"]) == (422, "terms.per_mu.moon.[key]")
    assert await hq.last_position() == before


async def test_an_overdue_stage_opens_one_supervision_case_shown_in_the_case(hq: Hq) -> None:
    c = hq.client
    opened = await c.post("/land-requisitions", json=CASE, headers=hq.official)
    assert opened.json()["time_limits"] == {"agreements": 60, "payment": 20, "resettlement": 60, "issue": 15}
    stages = {s["code"]: s for s in opened.json()["stages"]}
    assert (stages["agreements"]["overdue"], stages["payment"]["started_on"]) == (False, None)
    deadline = date.fromisoformat(stages["agreements"]["deadline"])
    calendar = await hq.application.calendar(hq.monday)
    assert calendar.working_days_between(hq.monday, deadline) == 60  # the zone's working days
    assert deadline > hq.monday + timedelta(weeks=12)  # not calendar days: weekends and holidays off

    hq.set_today(deadline)
    assert await open_overdue_stages(hq.application) == 0
    hq.set_today(deadline + timedelta(days=1))
    sid = "sup-req-north-a-requisition-agreements"

    async def opened_by_the_scheduler() -> bool:
        return (await c.get(f"/supervision-cases/{sid}", headers=hq.official)).status_code == 200

    await wait_until(opened_by_the_scheduler, timeout=20, what="the scheduler to open the supervision case")
    assert await open_overdue_stages(hq.application) == 1  # still overdue, its case open already
    assert (await hq.event_types()).count("SupervisionCaseOpened") == 1
    case = (await c.get("/land-requisitions/req-north-a", headers=hq.official)).json()
    agreements = next(s for s in case["stages"] if s["code"] == "agreements")
    assert (agreements["overdue"], agreements["supervision_id"]) == (True, sid)
    supervised = (await c.get(f"/supervision-cases/{sid}", headers=hq.official)).json()
    assert (supervised["unit"], supervised["step_code"], supervised["deadline"]) == (
        "headquarters",
        "requisition-agreements",
        str(deadline),
    )


async def test_allocating_land_not_serviced_is_refused_naming_the_parcels_state(hq: Hq) -> None:
    c = hq.client
    await hq.hold("north", "H01")
    assert (await c.post("/land-requisitions", json=CASE, headers=hq.official)).status_code == 201
    request = {
        "case_id": "case-9",
        "step_code": "project_approval",
        "enterprise_name": "光学有限公司",
        "credit_code": "91110000000000001X",
        "project": "光学元件",
        "planned_investment": "1250000.00",
        "park_id": "north",
        "requested_on": "2026-03-02",
        "working_days": 5,
        "deadline": "2026-03-09",
    }
    await emit(hq.settings, "service-center", "ApprovalRequested.v1", request, "case-9")

    async def queued() -> bool:
        return (await c.get("/project-approvals/apr-case-9", headers=hq.official)).status_code == 200

    await wait_until(queued, timeout=20, what="the approval request")
    before = await hq.last_position()
    for parcel_id, status in (("north-A01", "to_requisition"), ("north-H01", "requisitioned")):
        refused = await c.post(
            "/project-approvals/apr-case-9/approve", json={"parcel_id": parcel_id}, headers=hq.official
        )
        assert (refused.status_code, refused.json()["parcel_status"]) == (409, status), refused.text
    assert await hq.last_position() == before


async def test_a_case_losing_a_parcel_to_another_after_the_checks_unnames_the_parcels_it_named(
    hq: Hq, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = hq.client
    east, west = CASE["collectives"]
    other = {"case_id": "req-other", "parcel_ids": ["north-A02"], "collectives": [west]}
    assert (await c.post("/land-requisitions", json=other, headers=hq.official)).status_code == 201

    async def passed(*_: object, **__: object) -> None:  # the check ran before req-other took A02
        return None

    monkeypatch.setattr(hq.application, "ensure_requisitionable", passed)
    raced = await c.post("/land-requisitions", json=CASE, headers=hq.official)
    assert (raced.status_code, raced.json()["parcel_status"]) == (409, "to_requisition")
    assert await parcel_status(hq, "north-A01") == "none"  # named, then unnamed
    assert (await c.get("/land-requisitions/req-north-a", headers=hq.official)).status_code == 404
    monkeypatch.undo()
    alone = {"case_id": "req-north-a", "parcel_ids": ["north-A01"], "collectives": [east]}
    again = await c.post("/land-requisitions", json=alone, headers=hq.official)
    assert again.status_code == 201, again.text
    assert await parcel_status(hq, "north-A01") == "to_requisition"
