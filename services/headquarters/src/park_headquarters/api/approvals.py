"""/project-approvals: the queue (promised deadline, working days left) and the decisions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from park_shared.projections.port import ReadModelStore
from park_shared.web.app import ReadModelsDep, RuntimeDep
from pydantic import BaseModel, ConfigDict, Field

from park_headquarters.api.deps import AnyHq, CommandsDep, Official, context_of, fresh, one
from park_headquarters.application import approvals
from park_headquarters.application.calendar import calendar_on
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


async def _with_days_left(
    read_models: ReadModelStore, docs: list[dict[str, Any]], today: date
) -> list[dict[str, Any]]:
    calendar = await calendar_on(read_models, today)
    shown = []
    for doc in docs:
        left = None
        if doc["status"] == "pending":
            left = calendar.working_days_between(today, date.fromisoformat(doc["deadline"]))
        shown.append({"deadline_provisional": False, **doc, "working_days_left": left})
    return shown


@router.get("", response_model=list[ApprovalPublic], summary="The approval queue")
async def list_approvals(
    _: AnyHq,
    read_models: ReadModelsDep,
    runtime: RuntimeDep,
    status: Annotated[Status | None, Query()] = None,
) -> list[dict[str, Any]]:
    docs = await read_models.find("approvals", {"status": status} if status else None)
    shown = await _with_days_left(read_models, docs, runtime.today())
    return sorted(shown, key=lambda d: (d["deadline"], d["case_id"]))


@router.get("/{approval_id}", response_model=ApprovalPublic, summary="One approval request")
async def get_approval(
    approval_id: str, _: AnyHq, read_models: ReadModelsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    doc = await one(read_models, "approvals", approval_id, "approval request")
    return (await _with_days_left(read_models, [doc], runtime.today()))[0]


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
    read_models = await fresh(runtime)
    doc = await one(read_models, "approvals", approval_id, "approval request")
    return (await _with_days_left(read_models, [doc], today))[0]


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
    read_models = await fresh(runtime)
    doc = await one(read_models, "approvals", approval_id, "approval request")
    return (await _with_days_left(read_models, [doc], today))[0]
