"""Project approvals: requested by service-center's event, queued with the promised deadline
from the procedure catalogue in force, approved (allocating a serviced parcel) or rejected."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import orjson
from park_shared.testing.apps import wait_until

if TYPE_CHECKING:
    from conftest import Hq

CATALOGUE = {
    "steps": [
        {
            "code": "project_approval",
            "name": "立项",
            "legal_basis": "企业投资项目核准和备案管理条例",
            "required_documents": ["项目申请报告"],
            "working_days": 5,
            "green_channel_working_days": 2,
            "decided_by": "headquarters",
        },
        {
            "code": "fire",
            "name": "消防审验",
            "legal_basis": "消防法",
            "working_days": 10,
            "green_channel_working_days": 5,
        },
    ]
}


async def setup_parcels_and_catalogue(hq: Hq) -> None:
    for park_id, code in [("north", "A01"), ("north", "A02"), ("south", "B01")]:
        await hq.hold(park_id, code)
        body = {"park_id": park_id, "code": code, "planned_use": "industrial", "area_m2": 10000}
        assert (await hq.client.post("/parcels", json=body, headers=hq.planner_1)).status_code == 201
    await hq.adopt_policy("catalogue", "procedure_catalogue", "办事指南", CATALOGUE)


async def queue(hq: Hq, **params: str) -> list[dict[str, Any]]:
    response = await hq.client.get("/project-approvals", params=params, headers=hq.official)
    result: list[dict[str, Any]] = response.json()
    return result


async def test_the_queue_shows_promised_deadlines_and_working_days_left(hq: Hq) -> None:
    await setup_parcels_and_catalogue(hq)
    # every request carries a field headquarters does not read
    await hq.request_approval("case-1", 10, times=2, unknown_extra_field="ignored")
    await hq.request_approval("case-1", 10, unknown_extra_field="ignored")  # asked again
    await hq.request_approval("case-2", 2, unknown_extra_field="ignored")
    await wait_until(lambda: hq.runtime.consumers[0].handled >= 4, what="four deliveries handled")
    items = await queue(hq)
    assert [
        (i["case_id"], i["deadline"], i["working_days"], i["deadline_source"], i["working_days_left"])
        for i in items
    ] == [
        ("case-2", "2026-03-04", 2, "request", 2),
        ("case-1", "2026-03-09", 5, "catalogue", 5),
    ]
    assert items[1]["planned_investment"] == "1250000.00" and items[1]["status"] == "pending"
    hq.set_today(hq.monday + timedelta(days=8))  # Tuesday after the deadline
    assert [i["working_days_left"] for i in await queue(hq)] == [-4, -1]
    assert (await hq.event_types()).count("ApprovalRequestReceived") == 2


async def test_approving_allocates_a_serviced_parcel_of_the_projects_park(hq: Hq) -> None:
    await setup_parcels_and_catalogue(hq)
    c = hq.client
    await hq.request_approval("case-1", 5, unknown_extra_field="ignored")
    await hq.request_approval("case-2", 5, unknown_extra_field="ignored")
    await wait_until(lambda: _count(hq, 2), what="two requests queued")
    before = await hq.last_position()
    not_serviced = await c.post(
        "/project-approvals/apr-case-1/approve", json={"parcel_id": "north-A01"}, headers=hq.official
    )
    assert not_serviced.status_code == 409 and "not serviced" in not_serviced.json()["detail"]
    unknown = await c.post(
        "/project-approvals/apr-case-1/approve", json={"parcel_id": "north-Z9"}, headers=hq.official
    )
    assert (unknown.status_code, unknown.json()["field"]) == (422, "parcel_id")
    assert await hq.last_position() == before

    await hq.complete_infrastructure("road-7", "road", ["north-A01", "north-A02", "south-B01"], times=2)
    await wait_until(lambda: _serviced(hq, 3), what="three parcels serviced")
    other_park = await c.post(
        "/project-approvals/apr-case-1/approve", json={"parcel_id": "south-B01"}, headers=hq.official
    )
    assert other_park.status_code == 409 and "in park south" in other_park.json()["detail"]
    by_planner = await c.post("/project-approvals/apr-case-1/approve", json={}, headers=hq.planner_1)
    assert by_planner.status_code == 403

    approved = await c.post(
        "/project-approvals/apr-case-1/approve", json={"parcel_id": "north-A01"}, headers=hq.official
    )
    assert approved.status_code == 200, approved.text
    assert (
        approved.json()
        | {"status": "approved", "allocated_parcel_id": "north-A01", "working_days_left": None}
        == approved.json()
    )
    parcel = (await c.get("/parcels/north-A01", headers=hq.official)).json()
    assert (parcel["status"], parcel["case_id"]) == ("allocated", "case-1")
    before = await hq.last_position()
    again = await c.post("/project-approvals/apr-case-1/reject", json={"reason": "x"}, headers=hq.official)
    assert again.status_code == 409 and "already approved" in again.json()["detail"]
    taken = await c.post(
        "/project-approvals/apr-case-2/approve", json={"parcel_id": "north-A01"}, headers=hq.official
    )
    assert taken.status_code == 409 and "already allocated to case case-1" in taken.json()["detail"]
    no_reason = await c.post("/project-approvals/apr-case-2/reject", json={"reason": ""}, headers=hq.official)
    assert (no_reason.status_code, no_reason.json()["field"]) == (422, "reason")
    assert await hq.last_position() == before

    rejected = await c.post(
        "/project-approvals/apr-case-2/reject", json={"reason": "不符合园区产业定位"}, headers=hq.official
    )
    assert rejected.json()["status"] == "rejected" and rejected.json()["reason"] == "不符合园区产业定位"
    assert (await c.get("/project-approvals/apr-case-9", headers=hq.official)).status_code == 404
    assert [i["case_id"] for i in await queue(hq, status="rejected")] == ["case-2"]
    await assert_contract_events(hq)


async def assert_contract_events(hq: Hq) -> None:
    """The published events carry exactly the contract's fields (docs/events.md)."""
    fields = {
        "ProjectApproved": {"approval_id", "case_id", "allocated_parcel_id", "decided_on"},
        "ProjectRejected": {"approval_id", "case_id", "reason", "decided_on"},
        "ParcelAllocated": {"parcel_id", "park_id", "case_id", "allocated_on"},
        "ParcelServiced": {
            "parcel_id",
            "park_id",
            "code",
            "planned_use",
            "area_m2",
            "serviced_on",
            "by_project_id",
        },
    }
    seen: dict[str, int] = {}
    for record in await hq.runtime.store.read_all(0, 10_000):
        name = record.type.split(".")[2]
        if name in fields:
            seen[name] = seen.get(name, 0) + 1
            assert set(orjson.loads(record.data)) == fields[name], name
    assert seen == {"ParcelServiced": 3, "ProjectApproved": 1, "ParcelAllocated": 1, "ProjectRejected": 1}


async def _count(hq: Hq, n: int) -> bool:
    return len(await queue(hq)) == n


async def _serviced(hq: Hq, n: int) -> bool:
    response = await hq.client.get("/parcels", params={"status": "serviced"}, headers=hq.official)
    return len(response.json()) == n
