"""The seven cross-service flows of the domain (shared/docs/domain.md "How they talk"), each a
journey driven over HTTP against the five services running as their own processes, on the
embedded default and on Kafka + FerretDB. One suite per backend serves the module; every
journey works on its own leads, cases, parcels and offerings. The suite runs on one shared,
movable zone clock (PARK_ZONE_CLOCK_FILE, pinned to a Wednesday) so that deadlines and
subscription windows can pass."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from park_shared.testing.events import emit

from .conftest import BACKENDS, zone_of
from .harness import eventually, ok
from .zone import CATALOGUE, Zone, credit_code, money, uid

SERVICES = ("headquarters", "service-center", "investment", "industrial-co", "dashboard")


@pytest.fixture(scope="module", params=BACKENDS)
def zone(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Zone]:
    root = tmp_path_factory.mktemp(f"journeys-{request.param}")
    with zone_of(request, root, request.param, SERVICES, SC_OVERDUE_SCAN_SECONDS="1") as z:
        yield z


def test_1_a_published_policy_is_used_by_fees_catalogue_and_rewards(zone: Zone) -> None:
    today = zone.today().isoformat()
    in_force = {p["kind"]: p for p in ok(zone.hq.get("/policies/in-force"))}
    assert {k: in_force[k]["policy_id"] for k in zone.policies} == zone.policies

    procedures = ok(zone.sc().get("/public/procedures"))
    assert procedures["policy_id"] == zone.policies["procedure_catalogue"] and procedures["version"] == 1
    assert [s["code"] for s in procedures["steps"]] == [s["code"] for s in CATALOGUE["steps"]]
    reward = ok(zone.inv.get("/reward-policies/in-force", params={"on": today}))
    assert (reward["policy_id"], reward["version"]) == (zone.policies["reward"], 1)
    assert (money(reward["rate_percent"]), money(reward["cap"])) == (Decimal("1.00"), Decimal("20000.00"))

    # a preferential policy published now waives plan review for one industry, from the next case on
    industry = f"biotech-{uid()}"
    rule = {
        "fee_code": "plan_review",
        "discount_percent": "0",
        "waiver": True,
        "industries": [industry],
        "parks": [],
    }
    zone.publish("preferential", {"rules": [rule]}, "plan review waived for biotech")
    zone.settled()
    favoured, other = walk_in(zone, industry), walk_in(zone, "textiles")
    assert (
        favoured["steps"][0]["code"] == "project_approval" and favoured["current_step"] == "project_approval"
    )
    lines = {
        line["fee_code"]: line
        for line in one_invoice(zone, favoured["case_id"], "before_production")["lines"]
    }
    assert money(lines["plan_review"]["due"]) == 0 and money(lines["plan_review"]["discount"]) == 3000
    assert money(lines["infra"]["due"]) == 10000  # the electronics discount is not for biotech
    other_lines = {
        line["fee_code"]: line for line in one_invoice(zone, other["case_id"], "before_production")["lines"]
    }
    assert money(other_lines["plan_review"]["due"]) == 3000
    # investment records only reward policies
    assert {v["policy_id"] for v in ok(zone.inv.get("/reward-policies"))} == {zone.policies["reward"]}


def test_2_a_signed_lead_opens_one_case_and_is_registered(zone: Zone) -> None:
    referrer = zone.referrer("enterprise")
    code = credit_code()
    lead_id = zone.new_lead(platform="merchant", referrer_id=referrer, code=code)
    signed = zone.sign(lead_id, "3000000.00")

    case = zone.case_of(lead_id)
    assert (case["credit_code"], case["park_id"], case["industry"]) == (code, "north", "electronics")
    lead = eventually(
        lambda: (lead := zone.lead(lead_id))["status"] == "registered" and lead, what="registered"
    )
    assert lead["case_id"] == case["case_id"] and lead["referrer_id"] == referrer
    detail = zone.case(case["case_id"])
    assert detail["steps"][0]["status"] == "accepted"  # the project approval was requested at once
    lines = {
        line["fee_code"]: line for line in one_invoice(zone, case["case_id"], "before_production")["lines"]
    }
    assert money(lines["infra"]["due"]) == 5000  # the electronics discount (50 %)

    # the same investor again: refused, pointing at the first lead, which keeps its referrer
    again = zone.inv.post(
        "/leads",
        json={"company_name": "Other name Co., Ltd.", "credit_code": code, "industry": "x",
              "planned_investment": "1.00", "park_id": "south", "platform": "online"},
    )  # fmt: skip
    assert again.status_code == 409 and lead_id in again.text
    # LeadSigned delivered again (a republish with a new id, and a redelivery of it): still one case
    data = {
        k: signed[k] for k in ("lead_id", "company_name", "credit_code", "industry", "park_id", "platform")
    }
    data |= {k: str(signed[k]) for k in ("planned_investment", "signed_amount", "signed_on")}
    data |= {"referrer_id": referrer, "preferred_parcel_id": None, "green_channel": False}
    centre = zone.suite["service-center"]
    handled = centre.consumer()["handled"]
    asyncio.run(emit(zone.suite.settings(), "investment", "LeadSigned.v1", data, lead_id, times=2))
    eventually(
        lambda: (c := centre.consumer())["handled"] >= handled + 2 and c["lag"] == 0,
        what="the centre to handle both deliveries",
    )
    assert len(zone.cases_of(lead_id)) == 1
    assert zone.case(case["case_id"])["version"] == detail["version"]
    assert len(zone.invoices(case["case_id"])) == 1


def test_3_approval_approved_goes_on_rejected_stops(zone: Zone) -> None:
    goes_on, stops = zone.signed_lead(), zone.signed_lead(industry="chemicals")
    go, stop = zone.case_of(goes_on)["case_id"], zone.case_of(stops)["case_id"]
    queue = eventually(
        lambda: len(q := _pending(zone, go, stop)) == 2 and q, what="both approval requests in HQ's queue"
    )
    assert (
        queue[go]["working_days"] == 5
        and queue[go]["deadline"] == zone.step(go, "project_approval")["deadline"]
    )

    zone.approve(go)
    rejected = zone.hq_official.post(
        f"/project-approvals/apr-{stop}/reject", json={"reason": "not in the plan"}
    )
    assert ok(rejected)["status"] == "rejected"

    eventually(lambda: zone.case(go)["current_step"] == "land_use", what="the approved case to go on")
    assert zone.step_is(go, "project_approval", "approved")
    stopped = eventually(lambda: (c := zone.case(stop))["status"] == "stopped" and c, what="the case to stop")
    assert stopped["steps"][0]["status"] == "rejected" and stopped["steps"][0]["reason"] == "not in the plan"
    refused = zone.sc().post(f"/cases/{stop}/steps/land_use/submit", json={"documents": ["site plan"]})
    assert refused.status_code == 409 and "stopped" in refused.text
    assert zone.case(stop)["version"] == stopped["version"]

    zone.pass_land_use(go)
    assert ok(zone.sc().post(f"/cases/{go}/seal"))["status"] == "sealed"


def _pending(zone: Zone, *case_ids: str) -> dict[str, dict[str, Any]]:
    pending = ok(zone.hq_official.get("/project-approvals", params={"status": "pending"}))
    return {a["case_id"]: a for a in pending if a["case_id"] in case_ids}


def test_4_commissioning_lands_the_lead_grants_the_reward_and_raises_after_production_fees(
    zone: Zone,
) -> None:
    referred = zone.signed_lead(platform="all_staff", referrer_id=zone.referrer())
    online = zone.signed_lead(platform="online")
    cases = {lead_id: zone.case_of(lead_id)["case_id"] for lead_id in (referred, online)}
    for case_id in cases.values():  # both journeys side by side: their waits overlap
        zone.approve(case_id)
    commissioned = {}
    for lead_id, case_id in cases.items():
        eventually(lambda c=case_id: zone.case(c)["current_step"] == "land_use", what="the approval")
        zone.pass_land_use(case_id)
        ok(zone.sc().post(f"/cases/{case_id}/seal"))
        commissioned[lead_id] = ok(zone.sc().post(f"/cases/{case_id}/commission"))
        assert commissioned[lead_id]["status"] == "commissioned"

    for lead_id, case_id in cases.items():
        lead = eventually(lambda x=lead_id: (d := zone.lead(x))["status"] == "landed" and d, what="landed")
        assert lead["case_id"] == case_id and lead["landed_on"] == commissioned[lead_id]["commissioned_on"]
        after = one_invoice(zone, case_id, "after_production")
        lines = [(line["fee_code"], money(line["due"])) for line in after["lines"]]
        assert lines == [("mgmt", Decimal("2000.00"))]
        assert sorted(i["phase"] for i in zone.invoices(case_id)) == ["after_production", "before_production"]

    reward = ok(zone.inv.get(f"/rewards/reward-{referred}"))
    # min(cap 20000, 1 % of the signed 1,000,000 + 500 fixed)
    assert money(reward["amount"]) == Decimal("10500.00") and reward["status"] == "granted"
    assert (reward["policy_id"], reward["policy_version"]) == (zone.policies["reward"], 1)
    assert zone.lead(online)["reward_id"] is None
    assert zone.inv.get(f"/rewards/reward-{online}").status_code == 404


def test_5_an_overdue_step_opens_one_supervision_case(zone: Zone) -> None:
    case_id = zone.case_of(zone.signed_lead(name=f"Late {uid()} Machinery Co., Ltd."))["case_id"]
    step = zone.step(case_id, "project_approval")
    assert step["status"] == "accepted" and not step["overdue"]
    assert zone.suite.clock is not None
    zone.suite.clock.advance(10)  # ten calendar days: past five working days, whatever the weekday

    eventually(
        lambda: zone.step(case_id, "project_approval")["overdue"], what="the step to be flagged overdue"
    )
    opened = eventually(lambda: supervision_of(zone, case_id), what="HQ to open a supervision case")
    assert len(opened) == 1
    sup = opened[0]
    # HQ decides project approval: the late unit is headquarters
    assert (sup["cause"], sup["unit"], sup["step_code"]) == ("overdue", "headquarters", "project_approval")
    assert (
        sup["deadline"] == step["deadline"]
        and sup["status"] == "open"
        and sup["enterprise_name"].startswith("Late")
    )
    zone.settled()  # more scans have run by now (every second): still exactly one
    assert len(supervision_of(zone, case_id)) == 1
    counts = ok(zone.hq_official.get("/supervision-cases/counts"))
    assert counts["by_step"]["project_approval"]["open"] >= 1


def supervision_of(zone: Zone, case_id: str) -> list[dict[str, Any]]:
    cases = ok(zone.hq_official.get("/supervision-cases", params={"cause": "overdue"}))
    return [c for c in cases if c["case_id"] == case_id]


def test_6_infrastructure_completed_services_parcels_which_are_listed_then_allocated(zone: Zone) -> None:
    codes = [f"R{uid()}", f"R{uid()}"]
    parcels = [f"north-{c}" for c in codes]
    for code in codes:
        held = {"park_id": "north", "code": code, "title_reference": f"title-{code}"}
        assert ok(zone.hq_planner.post("/parcels/held", json=held), 201)["status"] == "requisitioned"
        body = {"park_id": "north", "code": code, "planned_use": "industrial", "area_m2": 12000}
        assert ok(zone.hq_planner.post("/parcels", json=body), 201)["status"] == "planned"
    eventually(
        lambda: set(parcels) <= {p["parcel_id"] for p in ok(zone.ic.get("/parcels"))}, what="IC to know them"
    )
    assert not listed(zone) & set(parcels)

    plan = {"name": f"Road {codes[0]}", "kind": "road", "parcel_ids": parcels, "budget": "800000.00"}
    project = ok(zone.ic.post("/infrastructure-projects", json=plan), 201)
    pid = project["project_id"]
    ok(zone.ic.post(f"/infrastructure-projects/{pid}/tender", json={"bids_until": project["planned_on"]}))
    offer = {"contractor": "市政公司", "amount": "750000.00", "duration_days": 120}
    bid = ok(zone.ic.post(f"/infrastructure-projects/{pid}/bids", json=offer), 201)
    assert zone.suite.clock is not None
    zone.suite.clock.advance(1)  # bidding closed yesterday
    ok(zone.ic.post(f"/infrastructure-projects/{pid}/award", json={"bid_id": bid["bid_id"]}))
    ok(
        zone.ic.post(
            f"/infrastructure-projects/{pid}/milestones", json={"milestone": "paved", "progress_percent": 100}
        ),
        201,
    )
    done = ok(zone.ic.post(f"/infrastructure-projects/{pid}/completion"))
    assert done["status"] == "completed"

    for parcel_id in parcels:
        serviced = eventually(
            lambda p=parcel_id: (x := ok(zone.hq.get(f"/parcels/{p}")))["status"] == "serviced" and x,
            what=f"HQ to mark {parcel_id} serviced",
        )
        assert serviced["by_project_id"] == pid and serviced["serviced_on"] == done["completed_on"]
    eventually(lambda: set(parcels) <= listed(zone), what="investment to list the serviced parcels")

    # a lead that wants the first parcel gets it with its project approval: it leaves the listing
    lead_id = zone.new_lead()
    zone.sign(lead_id, preferred_parcel_id=parcels[0])
    case_id = zone.case_of(lead_id)["case_id"]
    assert zone.approve(case_id, parcels[0])["allocated_parcel_id"] == parcels[0]
    allocated = ok(zone.hq.get(f"/parcels/{parcels[0]}"))
    assert (allocated["status"], allocated["case_id"]) == ("allocated", case_id)
    eventually(lambda: parcels[0] not in listed(zone), what="the allocated parcel to leave the listing")
    assert parcels[1] in listed(zone)
    eventually(
        lambda: zone.case(case_id)["allocated_parcel_id"] == parcels[0], what="the case to hold its parcel"
    )


def listed(zone: Zone) -> set[str]:
    return {p["parcel_id"] for p in ok(zone.suite.client("investment").get("/public/listings"))["parcels"]}


def test_7_a_closed_offering_is_visible_to_hq_oversight_and_the_dashboard(zone: Zone) -> None:
    today = zone.today().isoformat()
    offering = ok(zone.ic.post("/offerings", json={
        "title": f"实业股份 {uid()}", "target_amount": "100000.00", "unit_price": "10.00",
        "min_subscription": "1000.00", "max_subscription": "60000.00", "opens_on": today, "closes_on": today,
        "admitted_investor_types": ["sme", "institution"]}), 201)  # fmt: skip
    oid = offering["offering_id"]
    ok(zone.ic.post(f"/offerings/{oid}/open"))
    for amount, kind in (("30000.00", "sme"), ("25000.00", "institution")):
        investor = {"type": kind, "name": f"{kind} {uid()}", "credit_code": credit_code()}
        sub = ok(
            zone.ic.post(f"/offerings/{oid}/subscriptions", json={"investor": investor, "amount": amount}),
            201,
        )
        ok(zone.ic_finance.post(f"/offerings/{oid}/subscriptions/{sub['subscription_id']}/payment"))
    assert zone.hq.get(f"/oversight/offerings/{oid}").status_code == 404  # open: not HQ's business yet

    assert zone.suite.clock is not None
    zone.suite.clock.advance(1)  # the window has ended
    closed = ok(zone.ic.post(f"/offerings/{oid}/close"))
    assert (closed["status"], money(closed["raised_amount"]), closed["shares_issued"], closed["holders"]) == (
        "closed", Decimal("55000.00"), 5500, 2)  # fmt: skip

    seen = eventually(lambda: ok(zone.hq.get(f"/oversight/offerings/{oid}")), what="HQ oversight to see it")
    assert money(seen["raised_amount"]) == Decimal("55000.00") and money(seen["target_amount"]) == Decimal(
        "100000.00"
    )
    assert (seen["shares_issued"], seen["holders"], seen["closed_on"]) == (5500, 2, closed["closed_on"])
    board = eventually(
        lambda: next((o for o in ok(zone.suite.client("dashboard").get("/api/market"))["offerings"]
                      if o["offering_id"] == oid and o["status"] == "closed"), None),
        what="the dashboard's market panel to show it closed",
    )  # fmt: skip
    assert money(board["raised"]) == Decimal("55000.00") and board["holders"] == 2


# -- helpers -----------------------------------------------------------------------------
def walk_in(zone: Zone, industry: str) -> dict[str, Any]:
    body = {
        "enterprise_name": f"Walk-in {uid()} Co., Ltd.", "credit_code": credit_code(), "project": "a plant",
        "planned_investment": "500000.00", "park_id": "south", "industry": industry,
    }  # fmt: skip
    case: dict[str, Any] = ok(zone.sc().post("/cases", json=body), 201)
    return case


def one_invoice(zone: Zone, case_id: str, phase: str) -> dict[str, Any]:
    """The case's one invoice of `phase` (waits for the centre's billing to raise it)."""
    invoices = eventually(
        lambda: [i for i in zone.invoices(case_id) if i["phase"] == phase],
        what=f"the {phase} invoice of {case_id}",
    )
    assert len(invoices) == 1, invoices
    invoice: dict[str, Any] = invoices[0]
    return invoice
