"""The state of a service case, folded from its events. `evolve` never raises."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from park_service_center.domain.case_events import (
    ApprovalRequested,
    CaseAwaitingCatalogue,
    CaseEvent,
    CaseOpened,
    CaseSealed,
    EnterpriseCommissioned,
    StepAccepted,
    StepApproved,
    StepOverdue,
    StepPlan,
    StepRejected,
    StepReopened,
    StepReturned,
    StepSubmitted,
)
from park_service_center.domain.money import Money

__all__ = ["Case", "CaseStatus", "Step", "StepStatus", "evolve"]

StepStatus = Literal["pending", "submitted", "accepted", "returned", "approved", "rejected"]
CaseStatus = Literal["none", "awaiting_catalogue", "open", "stopped", "sealed", "commissioned"]


class Step(BaseModel):
    model_config = ConfigDict(frozen=True)

    plan: StepPlan
    status: StepStatus = "pending"
    documents: tuple[str, ...] = ()
    missing_documents: tuple[str, ...] = ()
    accepted_on: date | None = None
    started_on: date | None = None
    """When the clock last (re)started; None while it is paused or stopped."""
    deadline: date | None = None
    deadline_provisional: bool = False
    used_days: int = 0
    returned_on: date | None = None
    decided_on: date | None = None
    overdue: bool = False
    reason: str | None = None

    @property
    def code(self) -> str:
        return self.plan.code

    @property
    def by_headquarters(self) -> bool:
        return self.plan.decided_by == "headquarters"


class Case(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: CaseStatus = "none"
    case_id: str = ""
    lead_id: str | None = None
    enterprise_name: str = ""
    credit_code: str = ""
    project: str = ""
    planned_investment: Money = Decimal("0.00")
    park_id: str = ""
    industry: str = ""
    green_channel: bool = False
    green_channel_reason: str | None = None
    requested_parcel_id: str | None = None
    allocated_parcel_id: str | None = None
    received_on: date | None = None
    """When a signed lead's request came in while no catalogue was in force (else None)."""
    opened_on: date | None = None
    sealed_on: date | None = None
    commissioned_on: date | None = None
    steps: tuple[Step, ...] = ()

    def step(self, code: str) -> Step | None:
        return next((s for s in self.steps if s.code == code), None)

    @property
    def current(self) -> Step | None:
        """The first step not yet approved: the only one that can be acted on."""
        return next((s for s in self.steps if s.status != "approved"), None)


def _submitted(step: Step, e: StepSubmitted) -> Step:
    return step.model_copy(
        update={"status": "submitted", "documents": e.documents, "missing_documents": e.missing_documents}
    )


def _accepted(step: Step, e: StepAccepted) -> Step:
    return step.model_copy(
        update={
            "status": "accepted",
            "accepted_on": step.accepted_on or e.on,
            "started_on": e.on,
            "deadline": e.deadline,
            "deadline_provisional": e.deadline_provisional,
            "returned_on": None,
        }
    )


def _returned(step: Step, e: StepReturned) -> Step:
    return step.model_copy(
        update={
            "status": "returned",
            "started_on": None,
            "used_days": e.working_days_used,
            "returned_on": e.on,
            "missing_documents": e.missing_documents,
            "reason": e.reason,
        }
    )


def _approved(step: Step, e: StepApproved) -> Step:
    return step.model_copy(
        update={"status": "approved", "decided_on": e.on, "started_on": None, "reason": None}
    )


def _rejected(step: Step, e: StepRejected) -> Step:
    return step.model_copy(
        update={"status": "rejected", "decided_on": e.on, "started_on": None, "reason": e.reason}
    )


def _reopened(step: Step, e: StepReopened) -> Step:
    return step.model_copy(update={"status": "submitted", "reason": e.reason})


def _flagged(step: Step, _: StepOverdue) -> Step:
    return step.model_copy(update={"overdue": True})


_STEP_CHANGES: dict[type[BaseModel], Callable[[Step, Any], Step]] = {
    StepSubmitted: _submitted,
    StepAccepted: _accepted,
    StepReturned: _returned,
    StepApproved: _approved,
    StepRejected: _rejected,
    StepReopened: _reopened,
    StepOverdue: _flagged,
}


def _on_step(state: Case, event: CaseEvent) -> Step | None:
    change = _STEP_CHANGES.get(type(event))
    code = getattr(event, "step_code", None)
    step = state.step(code) if change is not None and isinstance(code, str) else None
    return None if step is None or change is None else change(step, event)


def _replace_step(state: Case, new: Step) -> tuple[Step, ...]:
    return tuple(new if s.code == new.code else s for s in state.steps)


def evolve(state: Case, event: CaseEvent) -> Case:
    if isinstance(event, CaseAwaitingCatalogue):
        awaiting = Case(status="awaiting_catalogue", **event.model_dump())
        return awaiting if state.status == "none" else state
    if isinstance(event, CaseOpened):
        fields = event.model_dump(exclude={"steps", "catalogue_policy_id", "catalogue_version"})
        steps = tuple(Step(plan=p) for p in event.steps)
        return Case(status="open", steps=steps, received_on=state.received_on, **fields)
    if isinstance(event, CaseSealed):
        return state.model_copy(update={"status": "sealed", "sealed_on": event.sealed_on})
    if isinstance(event, EnterpriseCommissioned):
        return state.model_copy(update={"status": "commissioned", "commissioned_on": event.commissioned_on})
    if isinstance(event, ApprovalRequested):
        return state
    step = _on_step(state, event)
    if step is None:
        return state
    update: dict[str, object] = {"steps": _replace_step(state, step)}
    if isinstance(event, StepRejected):
        update["status"] = "stopped"
    if isinstance(event, StepApproved) and event.allocated_parcel_id:
        update["allocated_parcel_id"] = event.allocated_parcel_id
    return state.model_copy(update=update)
