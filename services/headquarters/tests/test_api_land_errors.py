"""Every refusal of the land endpoints not walked elsewhere (/land-requisitions, its issues,
resettlement and households; /parcels/held; /parcels/{id}): the status, the field or the
conflict named, and nothing stored changed (the store's last position and the read models)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from park_headquarters.domain.land_requisition import RecordCompensationPaid
from park_shared.errors import Conflict
from park_shared.handler import CommandContext

if TYPE_CHECKING:
    from conftest import Hq

CASE = {
    "case_id": "req-err",
    "parcel_ids": ["north-R01"],
    "collectives": [{"collective_id": "east", "name": "东村", "households": 4, "parcel_ids": ["north-R01"]}],
}
BASE = "/land-requisitions/req-err"


async def opened_and_signed(hq: Hq) -> None:
    """A standard in force, the case opened, its one agreement signed (300 000 for 10 mu)."""
    c = hq.client
    terms = {"per_mu": {"arable": "30000"}}
    policy = {"policy_id": "comp", "kind": "compensation_standard", "title": "标准", "terms": terms}
    assert (await c.post("/policies", json=policy, headers=hq.official)).status_code == 201
    published = await c.post(
        "/policies/comp/versions/1/publish", json={"effective_from": str(hq.monday)}, headers=hq.head
    )
    assert published.status_code == 200, published.text
    assert (await c.post("/land-requisitions", json=CASE, headers=hq.official)).status_code == 201
    body = {
        "collective_id": "east",
        "parcel_ids": ["north-R01"],
        "areas": {"arable": "10"},
        "amount": "300000",
    }
    assert (await c.post(f"{BASE}/agreements", json=body, headers=hq.official)).status_code == 201


def resettled(collective_id: str, households: int) -> dict[str, Any]:
    return {"collective_id": collective_id, "households_resettled": households}


async def unchanged(hq: Hq) -> tuple[int, Any, Any]:
    c = hq.client
    case = (await c.get(BASE, headers=hq.official)).json()
    parcels = (await c.get("/parcels", headers=hq.official)).json()
    return await hq.last_position(), case, parcels


async def test_bad_issue_resettlement_and_reads_of_a_case(hq: Hq) -> None:
    c = hq.client
    await opened_and_signed(hq)
    raised = await c.post(
        f"{BASE}/issues", json={"issue_id": "graves", "description": "迁坟"}, headers=hq.official
    )
    assert raised.status_code == 201
    before = await unchanged(hq)
    refusals: list[tuple[str, dict[str, Any], int, str, str | None]] = [
        (f"{BASE}/issues", {"issue_id": "graves", "description": "again"}, 409, "issue_id", "graves"),
        (f"{BASE}/issues", {"issue_id": "roads", "description": ""}, 422, "field", "description"),
        ("/land-requisitions/nope/issues", {"description": "x"}, 404, "detail", None),
        (f"{BASE}/issues/graves/close", {"resolution": ""}, 422, "field", "resolution"),
        (f"{BASE}/issues/roads/close", {"resolution": "x"}, 404, "issue_id", "roads"),
        (f"{BASE}/resettlement", resettled("west", 1), 422, "field", "collective_id"),
        (f"{BASE}/resettlement", resettled("east", -1), 422, "field", "households_resettled"),
        ("/land-requisitions/nope/resettlement", resettled("east", 1), 404, "detail", None),
    ]  # fmt: skip
    for path, body, status, key, value in refusals:
        refused = await c.post(path, json=body, headers=hq.official)
        assert refused.status_code == status, (path, body, refused.text)
        if value is not None:
            assert refused.json()[key] == value, (path, refused.text)
    for path, body in (
        (f"{BASE}/agreements", {"collective_id": "east", "parcel_ids": ["north-R01"], "amount": "1"}),
        (f"{BASE}/resettlement", resettled("east", 1)),
        (f"{BASE}/issues", {"description": "x"}),
        (f"{BASE}/issues/graves/close", {"resolution": "x"}),
        ("/land-requisitions", {**CASE, "case_id": "req-other", "parcel_ids": ["north-R09"]}),
    ):  # fmt: skip
        by_planner = await c.post(path, json=body, headers=hq.planner_1)
        assert by_planner.status_code == 403, (path, by_planner.text)
        assert "hq.official" in by_planner.json()["detail"], by_planner.text
    assert (await c.get(BASE)).status_code == 401
    assert (await c.get(BASE, headers=hq.foreign)).status_code == 403
    missing = await c.get("/land-requisitions/nope", headers=hq.official)
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]
    bad_status = await c.get("/land-requisitions", params={"status": "closed"}, headers=hq.official)
    assert (bad_status.status_code, bad_status.json()["field"]) == (422, "status")
    assert await unchanged(hq) == before


async def test_after_completion_nothing_more_is_signed_or_raised_and_a_second_payment_is_refused(
    hq: Hq,
) -> None:
    c = hq.client
    await opened_and_signed(hq)
    paid = RecordCompensationPaid(
        case_id="req-err", collective_id="east", amount=Decimal("300000"),
        payment_id="pay-1", paid_on=hq.monday,
    )  # fmt: skip
    payer = CommandContext(actor="industrial-co:system")
    await hq.application.requisitions.handle("req-err", paid, payer)
    before = await unchanged(hq)
    assert before[1]["status"] == "completed"
    raised = await c.post(f"{BASE}/issues", json={"description": "late"}, headers=hq.official)
    assert (raised.status_code, raised.json()["completed_on"]) == (409, str(hq.monday))
    # paying twice: another payment of the same collective names the first; the same one told
    # again changes nothing
    with pytest.raises(Conflict) as twice:
        await hq.application.requisitions.handle(
            "req-err", paid.model_copy(update={"payment_id": "pay-2"}), payer
        )
    assert twice.value.extra["payment_id"] == "pay-1"
    await hq.application.requisitions.handle("req-err", paid, payer)
    assert await unchanged(hq) == before


async def test_bad_held_land_and_parcel_reads(hq: Hq) -> None:
    c = hq.client
    await opened_and_signed(hq)
    await hq.hold("north", "H01")
    before = await unchanged(hq)
    held = {"park_id": "north", "code": "H01", "title_reference": "another title"}
    refusals: list[tuple[dict[str, Any], int, str, str]] = [
        (held, 409, "parcel_status", "requisitioned"),  # held already, under another title
        ({**held, "code": "R01"}, 409, "parcel_status", "to_requisition"),  # named by req-err
        ({**held, "code": "no such code!"}, 422, "field", "code"),
    ]
    for body, status, key, value in refusals:
        refused = await c.post("/parcels/held", json=body, headers=hq.planner_1)
        assert (refused.status_code, refused.json().get(key)) == (status, value), refused.text
    assert (await c.post("/parcels/held", json=held, headers=hq.official)).status_code == 403
    missing = await c.get("/parcels/north-Z99", headers=hq.official)
    assert missing.status_code == 404 and "north-Z99" in missing.json()["detail"]
    bad_status = await c.get("/parcels", params={"status": "sold"}, headers=hq.official)
    assert (bad_status.status_code, bad_status.json()["field"]) == (422, "status")
    assert await unchanged(hq) == before


async def test_households_are_read_by_officials_only_and_within_their_case(hq: Hq) -> None:
    c = hq.client
    await opened_and_signed(hq)
    other = {**CASE, "case_id": "req-err-2", "parcel_ids": ["north-R02"]}
    other["collectives"] = [{**CASE["collectives"][0], "parcel_ids": ["north-R02"]}]  # type: ignore[index]
    assert (await c.post("/land-requisitions", json=other, headers=hq.official)).status_code == 201
    person = {"collective_id": "east", "name": "王建国", "identity_number": "330102198506120044"}
    registered = await c.post(f"{BASE}/households", json=person, headers=hq.official)
    assert registered.status_code == 201, registered.text
    household_id = registered.json()["household_id"]
    before = await unchanged(hq)
    assert (await c.get(f"{BASE}/households", headers=hq.planner_1)).status_code == 403
    assert (await c.get(f"{BASE}/households/{household_id}", headers=hq.planner_1)).status_code == 403
    elsewhere = await c.get(f"/land-requisitions/req-err-2/households/{household_id}", headers=hq.official)
    assert (elsewhere.status_code, elsewhere.json()["household_id"]) == (404, household_id)
    assert "王建国" not in elsewhere.text
    erase_elsewhere = await c.post(
        f"/land-requisitions/req-err-2/households/{household_id}/erasure", headers=hq.official
    )
    assert erase_elsewhere.status_code == 404
    assert (
        await c.post(f"{BASE}/households/{household_id}/erasure", headers=hq.planner_1)
    ).status_code == 403
    assert await unchanged(hq) == before
    assert (await c.get("/land-requisitions/req-err-2/households", headers=hq.official)).json() == []
