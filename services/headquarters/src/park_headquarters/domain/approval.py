"""Project approvals (立项审批): requested by the service centre, decided once by an official."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

__all__ = [
    "ApprovalCommand",
    "ApprovalEvent",
    "ApprovalRequest",
    "ApprovalRequestReceived",
    "ApprovalState",
    "ApproveProject",
    "ProjectApproved",
    "ProjectRejected",
    "ReceiveApprovalRequest",
    "RejectProject",
    "approval_id_of",
    "decider",
    "ensure_pending",
]


def approval_id_of(case_id: str) -> str:
    """One approval per service case, however often (or by whichever event) it is requested."""
    return f"apr-{case_id}"


class ApprovalRequest(BaseModel):
    """What the service centre asks, and the deadline headquarters promised for it."""

    model_config = ConfigDict(frozen=True)

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
    working_days: int
    deadline: date
    deadline_source: Literal["catalogue", "request"]
    deadline_provisional: bool = False


class ReceiveApprovalRequest(ApprovalRequest, Command):
    pass


class ApproveProject(Command):
    allocated_parcel_id: str | None
    decided_on: date


class RejectProject(Command):
    reason: str
    decided_on: date


ApprovalCommand = ReceiveApprovalRequest | ApproveProject | RejectProject


class ApprovalRequestReceived(ApprovalRequest, Event):
    pass


class ProjectApproved(Event):
    approval_id: str
    case_id: str
    allocated_parcel_id: str | None
    decided_on: date


class ProjectRejected(Event):
    approval_id: str
    case_id: str
    reason: str
    decided_on: date


ApprovalEvent = ApprovalRequestReceived | ProjectApproved | ProjectRejected


class ApprovalState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Literal["none", "pending", "approved", "rejected"] = "none"
    request: ApprovalRequest | None = None
    decided_on: date | None = None
    allocated_parcel_id: str | None = None


def ensure_pending(state: ApprovalState) -> ApprovalRequest:
    """The request, if it still waits for a decision; else why it can't be decided."""
    if state.request is None:
        raise NotFound("there is no such approval request")
    if state.status != "pending":
        raise Conflict(
            f"approval {state.request.approval_id} was already {state.status} on {state.decided_on};"
            " a decision is final",
            decision=state.status,
        )
    return state.request


def decide(command: ApprovalCommand, state: ApprovalState) -> Sequence[ApprovalEvent]:
    if isinstance(command, ReceiveApprovalRequest):
        if state.status != "none":
            return []  # the same case asked again: one request is enough
        return [ApprovalRequestReceived(**command.model_dump())]
    request = ensure_pending(state)
    ids = {"approval_id": request.approval_id, "case_id": request.case_id}
    if isinstance(command, ApproveProject):
        return [ProjectApproved(**ids, **command.model_dump())]
    return [ProjectRejected(**ids, **command.model_dump())]


def evolve(state: ApprovalState, event: ApprovalEvent) -> ApprovalState:
    if isinstance(event, ApprovalRequestReceived):
        request = ApprovalRequest(**event.model_dump())
        return ApprovalState(status="pending", request=request)
    status: Literal["approved", "rejected"] = "approved" if isinstance(event, ProjectApproved) else "rejected"
    parcel_id = event.allocated_parcel_id if isinstance(event, ProjectApproved) else None
    return state.model_copy(
        update={"status": status, "decided_on": event.decided_on, "allocated_parcel_id": parcel_id}
    )


decider: Decider[ApprovalCommand, ApprovalState, ApprovalEvent] = Decider(ApprovalState(), decide, evolve)
