"""/project-approvals: the queue (promised deadline, working days left) and the decisions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from park_shared.web.app import ReadModelsDep, RuntimeDep
from pydantic import BaseModel, ConfigDict, Field

from park_headquarters.api.deps import AnyHq, CommandsDep, Official, context_of, fresh, one
from park_headquarters.application import approvals
from park_headquarters.domain.calendar import working_days_between
from park_headquarters.domain.values import Text

__all__ = ["router"]

router = APIRouter(prefix="/project-approvals", tags=["project approvals"])
Status = Literal["pending", "approved", "rejected"]


class ApprovalDecisionApprove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    parcel_id: str | None = Field(None, description="a serviced, unallocated parcel to allocate")


class ApprovalDecisionReject(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Text


class ApprovalPublic(BaseModel):
    approval_id: str
    case_id: str
    step_code: str
    enterprise_name: str
    credit_code: str
    project: str
    planned_investment: Decimal
    park_id: str
    requested_parcel_id: str | None
    requested_on: date
    working_days: int = Field(description="the promised time limit, in working days")
    deadline: date
    deadline_source: Literal["catalogue", "request"]
    working_days_left: int | None = Field(
        description="working days (Mon–Fri) from today to the deadline; negative when overdue; "
        "null once decided"
    )
    status: Status
    decided_on: date | None
    decided_by: str | None
    allocated_parcel_id: str | None
    reason: str | None


def _with_days_left(doc: dict[str, Any], today: date) -> dict[str, Any]:
    left = None
    if doc["status"] == "pending":
        left = working_days_between(today, date.fromisoformat(doc["deadline"]))
    return {**doc, "working_days_left": left}


@router.get("", response_model=list[ApprovalPublic], summary="The approval queue")
async def list_approvals(
    _: AnyHq,
    read_models: ReadModelsDep,
    runtime: RuntimeDep,
    status: Annotated[Status | None, Query()] = None,
) -> list[dict[str, Any]]:
    docs = await read_models.find("approvals", {"status": status} if status else None)
    today = runtime.today()
    return sorted((_with_days_left(d, today) for d in docs), key=lambda d: (d["deadline"], d["case_id"]))


@router.get("/{approval_id}", response_model=ApprovalPublic, summary="One approval request")
async def get_approval(
    approval_id: str, _: AnyHq, read_models: ReadModelsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    doc = await one(read_models, "approvals", approval_id, "approval request")
    return _with_days_left(doc, runtime.today())


@router.post("/{approval_id}/approve", response_model=ApprovalPublic, summary="Approve")
async def approve(
    approval_id: str,
    body: ApprovalDecisionApprove,
    who: Official,
    commands: CommandsDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    """Approves the project, allocating the parcel if one is named (serviced, unallocated, same park)."""
    today = runtime.today()
    await approvals.approve(commands, approval_id, body.parcel_id, today, context_of(who))
    doc = await one(await fresh(runtime), "approvals", approval_id, "approval request")
    return _with_days_left(doc, today)


@router.post("/{approval_id}/reject", response_model=ApprovalPublic, summary="Reject with a reason")
async def reject(
    approval_id: str,
    body: ApprovalDecisionReject,
    who: Official,
    commands: CommandsDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    today = runtime.today()
    request = await one(await fresh(runtime), "approvals", approval_id, "approval request")
    held = await runtime.read_models.find("parcels", {"case_id": request["case_id"], "status": "allocated"})
    parcels = [p["parcel_id"] for p in held]
    await approvals.reject(commands, approval_id, body.reason, today, context_of(who), parcels)
    doc = await one(await fresh(runtime), "approvals", approval_id, "approval request")
    return _with_days_left(doc, today)
