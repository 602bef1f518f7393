"""Deciding the officer's actions on a case's steps: submit, accept, approve, return, reject,
reopen. Steps run in catalogue order; the clock runs from acceptance and pauses while a
step is returned. Reaching HQ's project-approval step emits the approval request."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.working_days import WorkingCalendar

from park_service_center.domain.case_commands import (
    AcceptStep,
    ApproveStep,
    RejectStep,
    ReopenStep,
    ReturnStep,
    StepCommand,
    SubmitStep,
)
from park_service_center.domain.case_events import (
    ApprovalRequested,
    CaseEvent,
    StepAccepted,
    StepApproved,
    StepRejected,
    StepReopened,
    StepReturned,
    StepSubmitted,
)
from park_service_center.domain.case_state import Case, Step, evolve
from park_service_center.domain.regulation import ENVIRONMENTAL_STEP

__all__ = ["decide_step", "guard_catalogue", "guard_open", "reach_next", "resume", "time_taken"]


def guard_catalogue(state: Case) -> None:
    """A lead's case waiting for HQ's procedure catalogue has no steps yet: nothing to act on."""
    if state.status == "awaiting_catalogue":
        raise Conflict(
            f"case {state.case_id} is waiting for HQ's procedure catalogue (received on "
            f"{state.received_on}); it opens once one is in force"
        )


def guard_open(state: Case) -> None:
    if state.status == "none":
        raise NotFound("no such case")
    guard_catalogue(state)
    if state.status == "stopped":
        rejected = next((s.code for s in state.steps if s.status == "rejected"), "?")
        raise Conflict(f"case {state.case_id} is stopped: step {rejected} was rejected")
    if state.status == "sealed":
        raise Conflict(f"case {state.case_id} is sealed (on {state.sealed_on}); its steps are closed")
    if state.status == "commissioned":
        raise Conflict(f"case {state.case_id} is commissioned and closed")


def _guard_step(state: Case, code: str) -> Step:
    guard_open(state)
    step = state.step(code)
    if step is None:
        raise NotFound(f"case {state.case_id} has no step {code!r}", field="step_code")
    if step.status == "approved":
        raise Conflict(f"step {code} is approved already")
    current = state.current
    if current is not None and current.code != code:
        raise Conflict(f"step {code} cannot be acted on before step {current.code} is approved")
    if step.by_headquarters:
        raise Conflict(f"step {code} is decided by headquarters; the centre waits for its decision")
    return step


def _expect(step: Step, action: str, *allowed: str) -> None:
    if step.status not in allowed:
        raise Conflict(
            f"step {step.code} is {step.status}; only a {' or '.join(allowed)} step can be {action}"
        )


def _reason(reason: str) -> str:
    if not reason.strip():
        raise Invalid("state the reason", field="reason")
    return reason.strip()


def time_taken(step: Step, on: date, calendar: WorkingCalendar) -> tuple[int, bool]:
    """Working days the clock ran for this step, and whether `on` is within its deadline."""
    running = 0 if step.started_on is None else calendar.working_days_between(step.started_on, on)
    return step.used_days + max(0, running), step.deadline is None or on <= step.deadline


def resume(state: Case, step: Step, on: date, calendar: WorkingCalendar) -> StepAccepted:
    remaining = max(0, step.plan.working_days - step.used_days)
    due = calendar.due(on, remaining)
    return StepAccepted(
        case_id=state.case_id, step_code=step.code, on=on, deadline=due.deadline,
        deadline_provisional=due.provisional, working_days=remaining, resumed=True,
    )  # fmt: skip


def reach_next(state: Case, on: date, calendar: WorkingCalendar) -> list[CaseEvent]:
    """When the next step is HQ's project approval, ask for it and start its clock."""
    step = state.current
    if state.status != "open" or step is None or not step.by_headquarters or step.status != "pending":
        return []
    c, due = state, calendar.due(on, step.plan.working_days)
    return [
        ApprovalRequested(
            case_id=c.case_id, step_code=step.code, enterprise_name=c.enterprise_name,
            credit_code=c.credit_code, project=c.project, planned_investment=c.planned_investment,
            park_id=c.park_id, requested_parcel_id=c.requested_parcel_id, requested_on=on,
            working_days=step.plan.working_days, industry=c.industry, deadline=due.deadline,
            deadline_provisional=due.provisional,
        ),
        StepAccepted(
            case_id=c.case_id, step_code=step.code, on=on, working_days=step.plan.working_days,
            deadline=due.deadline, deadline_provisional=due.provisional,
        ),
    ]  # fmt: skip


def _submit(cmd: SubmitStep, state: Case, step: Step) -> list[CaseEvent]:
    if not cmd.documents:
        raise Invalid("list at least one submitted document", field="documents")
    _expect(step, "submitted", "pending", "submitted", "returned")
    documents = tuple(dict.fromkeys(cmd.documents))
    missing = tuple(d for d in step.plan.required_documents if d not in documents)
    resumes = step.status == "returned" and step.accepted_on is not None
    if resumes and missing:
        raise Conflict(f"the resubmission of step {step.code} still lacks: {', '.join(missing)}")
    submitted = StepSubmitted(
        case_id=state.case_id, step_code=step.code, on=cmd.on, documents=documents, missing_documents=missing
    )
    return [submitted, resume(state, step, cmd.on, cmd.calendar)] if resumes else [submitted]


def _accept(cmd: AcceptStep, state: Case, step: Step) -> list[CaseEvent]:
    _expect(step, "accepted", "submitted")
    if step.missing_documents:
        raise Conflict(f"step {step.code} lacks required documents: {', '.join(step.missing_documents)}")
    days = step.plan.working_days
    due = cmd.calendar.due(cmd.on, days)
    return [
        StepAccepted(
            case_id=state.case_id, step_code=step.code, on=cmd.on, deadline=due.deadline,
            deadline_provisional=due.provisional, working_days=days,
        )
    ]  # fmt: skip


def _approve(cmd: ApproveStep, state: Case, step: Step) -> list[CaseEvent]:
    _expect(step, "approved", "accepted")
    taken, within = time_taken(step, cmd.on, cmd.calendar)
    approved = StepApproved(
        case_id=state.case_id, step_code=step.code, on=cmd.on, working_days_taken=taken, within_promise=within
    )
    return [approved, *reach_next(evolve(state, approved), cmd.on, cmd.calendar)]


def _return(cmd: ReturnStep, state: Case, step: Step) -> list[CaseEvent]:
    _expect(step, "returned", "submitted", "accepted")
    used, _ = time_taken(step, cmd.on, cmd.calendar)
    return [
        StepReturned(
            case_id=state.case_id, step_code=step.code, on=cmd.on, reason=_reason(cmd.reason),
            missing_documents=cmd.missing_documents, working_days_used=used,
        )
    ]  # fmt: skip


def _reject(cmd: RejectStep, state: Case, step: Step) -> list[CaseEvent]:
    _expect(step, "rejected", "accepted")
    if step.code == ENVIRONMENTAL_STEP and cmd.citation is None:
        raise Invalid(
            "an environmental-assessment refusal cites the article of the environmental regulation "
            "it rests on (regulation_id, article)",
            field="citation",
        )
    taken, within = time_taken(step, cmd.on, cmd.calendar)
    return [
        StepRejected(
            case_id=state.case_id, step_code=step.code, on=cmd.on, reason=_reason(cmd.reason),
            working_days_taken=taken, within_promise=within, citation=cmd.citation,
        )
    ]  # fmt: skip


def _reopen(cmd: ReopenStep, state: Case, step: Step) -> list[CaseEvent]:
    _expect(step, "reopened", "returned")
    reopened = StepReopened(case_id=state.case_id, step_code=step.code, on=cmd.on, reason=_reason(cmd.reason))
    if step.accepted_on is None:
        return [reopened]
    return [reopened, resume(state, step, cmd.on, cmd.calendar)]


_ACTIONS: dict[type[StepCommand], Callable[[Any, Case, Step], list[CaseEvent]]] = {
    SubmitStep: _submit,
    AcceptStep: _accept,
    ApproveStep: _approve,
    ReturnStep: _return,
    RejectStep: _reject,
    ReopenStep: _reopen,
}
"""Each officer's action on a step, by its command."""


def decide_step(cmd: StepCommand, state: Case) -> Sequence[CaseEvent]:
    step = _guard_step(state, cmd.step_code)
    action = _ACTIONS.get(type(cmd))
    if action is None:
        raise TypeError(f"unknown step command {type(cmd).__name__}")
    return action(cmd, state, step)
