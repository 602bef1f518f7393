"""/project-approvals: the queue (promised deadline, working days left) and the decisions."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import ConfigDict, Field

from park_headquarters.api.bodies import Body
from park_headquarters.api.deps import AnyHq, HeadquartersDep, Official
from park_headquarters.application import approvals
from park_headquarters.application.context import Headquarters
from park_headquarters.domain.approval import ApprovalRequest
from park_headquarters.domain.values import Text

__all__ = ["router"]

router = APIRouter(prefix="/project-approvals", tags=["project approvals"])
Status = Literal["pending", "approved", "rejected"]


class ApprovalDecisionApprove(Body):
    parcel_id: str | None = Field(None, description="a serviced, unallocated parcel to allocate")


class ApprovalDecisionReject(Body):
    reason: Text


class ApprovalPublic(ApprovalRequest):
    # the request as received (its fields first), then where its decision stands

    model_config = ConfigDict(frozen=False)

    working_days: int = Field(description="the promised time limit, in working days")
    deadline_provisional: bool = Field(
        description="the deadline counts through a year whose working-day calendar is not yet "
        "published (weekends only): it may move when the calendar is"
    )
    working_days_left: int | None = Field(
        description="working days on the zone calendar from today to the deadline; negative when "
        "overdue; null once decided"
    )
    status: Status
    decided_on: date | None
    decided_by: str | None
    allocated_parcel_id: str | None
    reason: str | None


async def _shown(hq: Headquarters, approval_id: str) -> ApprovalPublic:
    doc = await hq.found(approvals.COLLECTION, approval_id, f"there is no approval request {approval_id!r}")
    return ApprovalPublic.model_validate((await approvals.shown(hq, [doc]))[0])


@router.get("", summary="The approval queue")
async def list_approvals(
    _: AnyHq, hq: HeadquartersDep, status: Annotated[Status | None, Query()] = None
) -> list[ApprovalPublic]:
    return [ApprovalPublic.model_validate(doc) for doc in await approvals.queue(hq, status)]


@router.get("/{approval_id}", summary="One approval request")
async def get_approval(approval_id: str, _: AnyHq, hq: HeadquartersDep) -> ApprovalPublic:
    return await _shown(hq, approval_id)


@router.post("/{approval_id}/approve", summary="Approve")
async def approve(
    approval_id: str, body: ApprovalDecisionApprove, who: Official, hq: HeadquartersDep
) -> ApprovalPublic:
    """Approves the project, allocating the parcel if one is named (serviced, unallocated, same park)."""
    await approvals.approve(hq, approval_id, body.parcel_id, hq.today(), who.context())
    return await _shown(hq, approval_id)


@router.post("/{approval_id}/reject", summary="Reject with a reason")
async def reject(
    approval_id: str, body: ApprovalDecisionReject, who: Official, hq: HeadquartersDep
) -> ApprovalPublic:
    await approvals.reject(hq, approval_id, body.reason, hq.today(), who.context())
    return await _shown(hq, approval_id)
