"""A parcel from requisition to allocation (土地征用 → 规划 → 基础设施 → 出让), across headquarters
and industrial-co as their own processes, on the embedded default and on Kafka + FerretDB: a
case names land the zone does not hold; its collective's agreement is signed at the
compensation standard in force; industrial-co pays it from raised capital earmarked for the
case (by event both ways); the case completes and the parcel is requisitioned, then planned,
serviced by an infrastructure project, and allocated with a project approval. The dashboard
shows each stage as it happens (the case opened, its agreement, the payment and completion,
the parcel from to_requisition to allocated), and a regulation HQ publishes on the way is on
HQ's /public/regulations and on the dashboard's public page as of a day of the journey."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from park_shared.testing.events import emit

from .conftest import BACKENDS, zone_of
from .harness import eventually, ok
from .zone import Zone, credit_code, money, uid

SERVICES = ("headquarters", "industrial-co", "dashboard")


@pytest.fixture(scope="module", params=BACKENDS)
def zone(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Zone]:
    root = tmp_path_factory.mktemp(f"requisition-{request.param}")
    with zone_of(request, root, request.param, SERVICES, baseline=False) as z:
        yield z


def raise_capital(zone: Zone, amount: str) -> None:
    """An offering of `amount`, subscribed in full by an institution, paid and closed."""
    today = zone.today().isoformat()
    offering = ok(zone.ic.post("/offerings", json={
        "title": f"征地资金 {uid()}", "target_amount": amount, "unit_price": "10.00",
        "min_subscription": "1000.00", "max_subscription": amount, "opens_on": today, "closes_on": today,
        "admitted_investor_types": ["institution"]}), 201)  # fmt: skip
    oid = offering["offering_id"]
    ok(zone.ic.post(f"/offerings/{oid}/open"))
    investor = {"type": "institution", "name": f"Fund {uid()}", "credit_code": credit_code()}
    body = {"investor": investor, "amount": amount}
    sub = ok(zone.ic.post(f"/offerings/{oid}/subscriptions", json=body), 201)
    ok(zone.ic_finance.post(f"/offerings/{oid}/subscriptions/{sub['subscription_id']}/payment"))
    assert zone.suite.clock is not None
    zone.suite.clock.advance(1)  # the window has ended
    assert ok(zone.ic.post(f"/offerings/{oid}/close"))["status"] == "closed"


def serviced_by_a_road(zone: Zone, parcel_id: str) -> str:
    """An infrastructure project on the parcel, tendered, awarded and completed; its id."""
    plan = {"name": f"Road {uid()}", "kind": "road", "parcel_ids": [parcel_id], "budget": "500000.00"}
    project = ok(zone.ic.post("/infrastructure-projects", json=plan), 201)
    pid: str = project["project_id"]
    ok(zone.ic.post(f"/infrastructure-projects/{pid}/tender", json={"bids_until": project["planned_on"]}))
    offer = {"contractor": "市政公司", "amount": "450000.00", "duration_days": 90}
    bid = ok(zone.ic.post(f"/infrastructure-projects/{pid}/bids", json=offer), 201)
    assert zone.suite.clock is not None
    zone.suite.clock.advance(1)  # bidding closed yesterday
    ok(zone.ic.post(f"/infrastructure-projects/{pid}/award", json={"bid_id": bid["bid_id"]}))
    reached = {"milestone": "paved", "progress_percent": 100}
    ok(zone.ic.post(f"/infrastructure-projects/{pid}/milestones", json=reached), 201)
    assert ok(zone.ic.post(f"/infrastructure-projects/{pid}/completion"))["status"] == "completed"
    return pid


def approval_requested(zone: Zone, case_id: str, parcel_id: str) -> None:
    """Service-center's request to approve a project (立项) that wants the parcel."""
    today = zone.today().isoformat()
    data = {
        "case_id": case_id,
        "step_code": "project_approval",
        "enterprise_name": f"Optics {uid()} Co., Ltd.",
        "credit_code": credit_code(),
        "project": "光学元件",
        "planned_investment": "30000000.00",
        "park_id": "north",
        "requested_parcel_id": parcel_id,
        "requested_on": today,
        "working_days": 5,
        "deadline": today,
    }
    asyncio.run(emit(zone.suite.settings(), "service-center", "ApprovalRequested.v1", data, case_id))


def on_the_dashboard(zone: Zone, case_id: str, parcel_state: str, what: str, **case: Any) -> dict[str, Any]:
    """Waits until the dashboard's market panel shows the case with `case`'s fields and the
    journey's one parcel (in park north) in `parcel_state`; returns the case's row."""
    dashboard = zone.suite.client("dashboard")

    def shown() -> dict[str, Any] | None:
        market = ok(dashboard.get("/api/market"))
        row = next((r for r in market["requisitions"] if r["case_id"] == case_id), None)
        parcels = market["parcels"].get("north", {})
        in_state = [k for k, n in parcels.items() if n]
        if row is None or in_state != [parcel_state] or parcels[parcel_state] != 1:
            return None
        return row if all(row[k] == v for k, v in case.items()) else None

    found: dict[str, Any] = eventually(shown, timeout=60, what=f"the dashboard to show {what}")
    return found


def regulation_published(zone: Zone) -> str:
    """The head drafts and publishes an environmental regulation from today; its id."""
    regulation_id = f"env-{uid().lower()}"
    articles = [
        {"number": n, "text_zh": f"第{n}条 环评要求", "text_en": f"Article {n}: assessment"} for n in (1, 2)
    ]
    draft = {
        "regulation_id": regulation_id, "kind": "construction_environmental_protection",
        "title_zh": "建设工程环境保护管理办法", "title_en": "Environmental protection of construction",
        "articles": articles,
    }  # fmt: skip
    ok(zone.hq.post("/regulations", json=draft), 201)
    body = {"effective_from": zone.today().isoformat()}
    ok(zone.hq.post(f"/regulations/{regulation_id}/versions/1/publish", json=body))
    return regulation_id


def test_a_parcel_from_requisition_through_payment_planning_and_services_to_allocation(zone: Zone) -> None:
    hq, official, planner, finance = zone.hq, zone.hq_official, zone.hq_planner, zone.ic_finance
    first_day = zone.today().isoformat()
    regulation_id = regulation_published(zone)
    zone.publish("compensation_standard", {"per_mu": {"arable": "30000", "forest": "8000"}}, "征地补偿标准")
    code = f"Q{uid()}"
    parcel_id, case_id = f"north-{code}", f"req-{uid().lower()}"
    collective = {"collective_id": "east-village", "name": "东村", "households": 3, "parcel_ids": [parcel_id]}
    case = {"case_id": case_id, "parcel_ids": [parcel_id], "collectives": [collective]}
    opened = ok(official.post("/land-requisitions", json=case), 201)
    assert [s["code"] for s in opened["stages"]] == ["agreements", "payment", "resettlement"]
    assert ok(hq.get(f"/parcels/{parcel_id}"))["status"] == "to_requisition"
    plan = {"park_id": "north", "code": code, "planned_use": "industrial", "area_m2": 8000}
    early = planner.post("/parcels", json=plan)
    assert (early.status_code, early.json()["parcel_status"]) == (409, "to_requisition")
    shown = on_the_dashboard(zone, case_id, "to_requisition", "the case opened", stage="opened")
    assert (shown["collectives"], shown["households"], shown["parcel_ids"]) == (1, 3, [parcel_id])
    assert set(shown["time_limits"]) == {"agreements", "payment", "resettlement", "issue"}

    # the agreement: no less than the standard in force (12 mu of arable land: 360 000)
    signed: dict[str, Any] = {
        "collective_id": "east-village",
        "parcel_ids": [parcel_id],
        "areas": {"arable": "12"},
    }
    below = official.post(f"/land-requisitions/{case_id}/agreements", json={**signed, "amount": "359999.99"})
    assert (below.status_code, below.json()["field"]) == (422, "amount")
    outside = {**signed, "parcel_ids": ["north-ZZ9"], "amount": "360000"}
    assert official.post(f"/land-requisitions/{case_id}/agreements", json=outside).status_code == 422
    agreement = ok(
        official.post(f"/land-requisitions/{case_id}/agreements", json={**signed, "amount": "360000"}), 201
    )
    assert money(agreement["by_collective"]["east-village"]["agreement"]["minimum"]) == Decimal("360000")
    on_the_dashboard(
        zone, case_id, "to_requisition", "the agreement signed",
        stage="paying", agreements_signed=1, agreed_amount="360000.00", paid=0,
    )  # fmt: skip
    ok(
        official.post(
            f"/land-requisitions/{case_id}/resettlement",
            json={"collective_id": "east-village", "households_resettled": 3},
        )
    )

    # industrial-co owes it (by event), earmarks raised capital for the case and pays it once
    payable = eventually(
        lambda: ok(zone.ic.get(f"/land-compensations/{case_id}"))["payables"]["east-village"],
        timeout=60,
        what="industrial-co to know the agreement",
    )
    assert money(payable["amount"]) == Decimal("360000.00") and payable["payment_id"] is None
    raise_capital(zone, "400000.00")
    short = finance.post(f"/land-compensations/{case_id}/payments", json={"collective_id": "east-village"})
    assert (short.status_code, short.json()["left"]) == (409, "0.00")
    ok(finance.post(f"/land-compensations/{case_id}/allocations", json={"amount": "360000.00"}), 201)
    paid = ok(
        finance.post(f"/land-compensations/{case_id}/payments", json={"collective_id": "east-village"}), 201
    )
    twice = finance.post(f"/land-compensations/{case_id}/payments", json={"collective_id": "east-village"})
    assert (twice.status_code, twice.json()["payment_id"]) == (409, paid["payment_id"])
    books = ok(zone.ic_finance.get("/ledger"))
    assert books["balanced"]
    assert {a["account"]: money(a["balance"]) for a in books["accounts"]}[
        f"land-compensation:{case_id}"
    ] == Decimal("360000.00")

    # headquarters records the payment: the case completes and the parcel is requisitioned
    done = eventually(
        lambda: (c := ok(official.get(f"/land-requisitions/{case_id}")))["status"] == "completed" and c,
        timeout=60,
        what="headquarters to record industrial-co's payment",
    )
    assert done["by_collective"]["east-village"]["payment"]["payment_id"] == paid["payment_id"]
    stages = {s["code"]: s for s in done["stages"]}
    assert all(
        stages[k]["done_on"] and not stages[k]["overdue"] for k in ("agreements", "payment", "resettlement")
    )
    requisitioned = ok(hq.get(f"/parcels/{parcel_id}"))
    assert (requisitioned["status"], requisitioned["requisition_case_id"]) == ("requisitioned", case_id)
    shown = on_the_dashboard(
        zone, case_id, "requisitioned", "the payment and the case complete",
        stage="complete", paid=1, paid_amount="360000.00", households_resettled=3,
    )  # fmt: skip
    assert shown["completed_on"] == done["completed_on"]

    # planned, serviced by a road, allocated with a project approval
    assert ok(planner.post("/parcels", json=plan), 201)["status"] == "planned"
    on_the_dashboard(zone, case_id, "planned", "the parcel planned")
    eventually(
        lambda: parcel_id in {p["parcel_id"] for p in ok(zone.ic.get("/parcels"))}, what="IC to know it"
    )
    pid = serviced_by_a_road(zone, parcel_id)
    serviced = eventually(
        lambda: (x := ok(hq.get(f"/parcels/{parcel_id}")))["status"] == "serviced" and x,
        timeout=60,
        what="HQ to mark the parcel serviced",
    )
    assert serviced["by_project_id"] == pid
    on_the_dashboard(zone, case_id, "serviced", "the parcel serviced")
    approval_case = f"case-{uid().lower()}"
    approval_requested(zone, approval_case, parcel_id)
    assert zone.approve(approval_case, parcel_id)["allocated_parcel_id"] == parcel_id
    allocated = ok(hq.get(f"/parcels/{parcel_id}"))
    assert (allocated["status"], allocated["case_id"], allocated["requisition_case_id"]) == (
        "allocated",
        approval_case,
        case_id,
    )
    on_the_dashboard(zone, case_id, "allocated", "the parcel allocated")

    # the regulation published on the journey's first day, as of that day (the clock moved on)
    public = ok(zone.suite.client("headquarters").get("/public/regulations", params={"on": first_day}))
    assert [(r["regulation_id"], r["version"]) for r in public] == [(regulation_id, 1)]
    dashboard = zone.suite.client("dashboard")
    in_force = eventually(
        lambda: ok(dashboard.get("/api/public", params={"on": first_day}))["regulations"],
        what="the dashboard to list the regulation in force",
    )
    assert [(r["regulation_id"], r["version"], r["articles"]) for r in in_force] == [(regulation_id, 1, 2)]
