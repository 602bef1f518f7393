"""Approving with a parcel is a process of two steps (allocate the parcel, record the approval)
with a compensating step: the races between them are forced here, and none leaves a parcel
allocated to a case whose approval was refused."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import pytest
from park_headquarters.application import approvals
from park_headquarters.application.context import Headquarters
from park_headquarters.domain import parcel
from park_shared.errors import Conflict
from park_shared.handler import CommandContext
from park_shared.testing.apps import wait_until

if TYPE_CHECKING:
    from conftest import Hq

CONTEXT = CommandContext(actor="hq:hq.official:race")


async def pending_with_serviced_parcels(hq: Hq, *cases: str) -> None:
    await hq.hold("north", "A01", "A02")
    for code in ("A01", "A02"):
        body = {"park_id": "north", "code": code, "planned_use": "industrial", "area_m2": 10000}
        assert (await hq.client.post("/parcels", json=body, headers=hq.planner_1)).status_code == 201
    await hq.complete_infrastructure("road-1", "road", ["north-A01", "north-A02"])
    for case_id in cases:
        await hq.request_approval(case_id)

    async def ready() -> bool:
        approvals_ = (await hq.client.get("/project-approvals", headers=hq.official)).json()
        parcels = (await hq.client.get("/parcels", params={"status": "serviced"}, headers=hq.official)).json()
        return len(approvals_) == len(cases) and len(parcels) == 2

    await wait_until(ready, what="the requests queued and the parcels serviced")


@dataclasses.dataclass
class AfterAllocation:
    """The parcels' handler, running `meanwhile` right after an allocation is stored (before the
    approval is recorded): the other party of the race, forced into the gap."""

    inner: Any
    meanwhile: Callable[[], Awaitable[None]]

    async def handle(self, parcel_id: str, command: Any, **options: Any) -> Any:
        outcome = await self.inner.handle(parcel_id, command, **options)
        if isinstance(command, parcel.AllocateParcel):
            await self.meanwhile()
        return outcome


def racing(hq: Hq, meanwhile: Callable[[], Awaitable[None]]) -> Headquarters:
    application = copy.copy(hq.application)
    application.parcels = AfterAllocation(application.parcels, meanwhile)  # type: ignore[assignment]
    return application


async def parcel_status(hq: Hq, parcel_id: str) -> tuple[str, str | None]:
    found = (await hq.client.get(f"/parcels/{parcel_id}", headers=hq.official)).json()
    return found["status"], found["case_id"]


async def types(hq: Hq) -> list[str]:
    return [t for t in await hq.event_types() if t.startswith(("Parcel", "Project"))]


async def test_a_rejection_landing_between_allocation_and_approval_releases_the_parcel(hq: Hq) -> None:
    await pending_with_serviced_parcels(hq, "case-1")

    async def reject() -> None:
        response = await hq.client.post(
            "/project-approvals/apr-case-1/reject", json={"reason": "不符合"}, headers=hq.official
        )
        assert response.status_code == 200, response.text

    with pytest.raises(Conflict, match="already rejected"):
        await approvals.approve(racing(hq, reject), "apr-case-1", "north-A01", hq.monday, CONTEXT)
    assert await parcel_status(hq, "north-A01") == ("serviced", None)
    assert (await types(hq))[-3:] == ["ParcelAllocated", "ProjectRejected", "ParcelReleased"]


async def test_an_approval_with_another_parcel_landing_in_the_gap_releases_ours_keeps_theirs(hq: Hq) -> None:
    await pending_with_serviced_parcels(hq, "case-1")

    async def approve_other() -> None:
        body = {"parcel_id": "north-A02"}
        response = await hq.client.post(
            "/project-approvals/apr-case-1/approve", json=body, headers=hq.official
        )
        assert response.status_code == 200, response.text

    with pytest.raises(Conflict, match="already approved"):
        await approvals.approve(racing(hq, approve_other), "apr-case-1", "north-A01", hq.monday, CONTEXT)
    assert await parcel_status(hq, "north-A01") == ("serviced", None)
    assert await parcel_status(hq, "north-A02") == ("allocated", "case-1")


async def test_an_approval_stopped_after_its_allocation_is_undone_by_the_rejection(hq: Hq) -> None:
    await pending_with_serviced_parcels(hq, "case-1")

    async def crash() -> None:
        raise RuntimeError("the process stopped here")

    with pytest.raises(RuntimeError):
        await approvals.approve(racing(hq, crash), "apr-case-1", "north-A01", hq.monday, CONTEXT)
    assert await parcel_status(hq, "north-A01") == ("allocated", "case-1")  # the half-done effect
    rejected = await hq.client.post(
        "/project-approvals/apr-case-1/reject", json={"reason": "x"}, headers=hq.official
    )
    assert rejected.status_code == 200, rejected.text
    assert await parcel_status(hq, "north-A01") == ("serviced", None)


async def test_concurrent_approve_and_reject_over_http_leave_no_half_done_effect(hq: Hq) -> None:
    cases = [f"case-{n}" for n in range(4)]
    await pending_with_serviced_parcels(hq, *cases)
    for case_id in cases:
        approve = hq.client.post(
            f"/project-approvals/apr-{case_id}/approve", json={"parcel_id": "north-A01"}, headers=hq.official
        )
        reject = hq.client.post(
            f"/project-approvals/apr-{case_id}/reject", json={"reason": "x"}, headers=hq.official
        )
        await asyncio.gather(approve, reject)
    decided = {
        a["case_id"]: a for a in (await hq.client.get("/project-approvals", headers=hq.official)).json()
    }
    status, holder = await parcel_status(hq, "north-A01")
    approved = [
        c for c, a in decided.items() if a["status"] == "approved" and a["allocated_parcel_id"] == "north-A01"
    ]
    assert (status, holder) == (("allocated", approved[0]) if approved else ("serviced", None))
    assert len(approved) <= 1
