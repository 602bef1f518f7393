"""The service case aggregate (stream = case id): opening from a signed lead or a walk-in,
HQ's approval decision, overdue flags, the one consolidated seal (一个图章) and commissioning."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.identifiers import credit_code_problem

from park_service_center.domain.case_commands import (
    CaseCommand,
    CatalogueInForce,
    CommissionEnterprise,
    FlagOverdue,
    OpenCase,
    RecordApprovalDecision,
    SealCase,
    StepCommand,
)
from park_service_center.domain.case_events import (
    CaseAwaitingCatalogue,
    CaseEvent,
    CaseOpened,
    CaseSealed,
    EnterpriseCommissioned,
    StepApproved,
    StepOverdue,
    StepPlan,
    StepRejected,
)
from park_service_center.domain.case_state import Case, Step, evolve
from park_service_center.domain.policy_terms import CatalogueStep
from park_service_center.domain.steps import decide_step, guard_catalogue, guard_open, reach_next, time_taken

__all__ = ["case_decider", "case_id_for_lead", "decide", "new_case_id"]

_LEADS = uuid.UUID("5f0c6a52-2f6e-4d8e-9a57-7c1f0b1d2e3a")


def case_id_for_lead(lead_id: str) -> str:
    """The one case id of a signed lead: however often LeadSigned arrives, one stream."""
    return f"case-{uuid.uuid5(_LEADS, lead_id).hex}"


def new_case_id() -> str:
    return f"case-{uuid.uuid4().hex}"


def _plan(catalogue: Sequence[CatalogueStep], green_channel: bool) -> tuple[StepPlan, ...]:
    """The case's steps: the catalogue's, with the green-channel limits for a green case."""
    return tuple(
        StepPlan(
            code=s.code, name=s.name, legal_basis=s.legal_basis, required_documents=s.required_documents,
            working_days=s.green_channel_working_days if green_channel else s.working_days,
            decided_by=s.decided_by,
        )
        for s in catalogue
    )  # fmt: skip


_REQUEST = frozenset({
    "enterprise_name", "credit_code", "project", "planned_investment", "park_id", "industry",
    "green_channel", "green_channel_reason", "requested_parcel_id",
})  # fmt: skip
"""What a case records of its opening request (a waiting case opens with these)."""


def _open(cmd: OpenCase, state: Case) -> Sequence[CaseEvent]:
    if state.status == "awaiting_catalogue" and cmd.lead_id == state.lead_id:
        if cmd.catalogue is None:
            return []  # still no catalogue: it keeps waiting
        recorded = cmd.model_copy(update=state.model_dump(include=set(_REQUEST)))
        return _opening(recorded, cmd.catalogue, state)
    if state.status != "none":
        if cmd.lead_id is not None and state.lead_id == cmd.lead_id:
            return []
        raise Conflict(f"case {cmd.case_id} exists already")
    if cmd.green_channel and not (cmd.green_channel_reason or "").strip():
        raise Invalid("a green-channel case needs a stated reason", field="green_channel_reason")
    problem = credit_code_problem(cmd.credit_code) if cmd.lead_id is None else None
    if problem:
        raise Invalid(problem, field="credit_code")
    if cmd.catalogue is not None:
        return _opening(cmd, cmd.catalogue, state)
    if cmd.lead_id is None:
        raise Conflict(f"no procedure catalogue is in force on {cmd.opened_on}; HQ must publish one")
    return [_awaiting(cmd, cmd.lead_id)]


def _awaiting(cmd: OpenCase, lead_id: str) -> CaseAwaitingCatalogue:
    """A signed lead is never lost: its request waits for HQ's catalogue."""
    return CaseAwaitingCatalogue(
        case_id=cmd.case_id, lead_id=lead_id, enterprise_name=cmd.enterprise_name,
        credit_code=cmd.credit_code, project=cmd.project, planned_investment=cmd.planned_investment,
        park_id=cmd.park_id, industry=cmd.industry, green_channel=cmd.green_channel,
        green_channel_reason=cmd.green_channel_reason if cmd.green_channel else None,
        requested_parcel_id=cmd.requested_parcel_id, received_on=cmd.opened_on,
    )  # fmt: skip


def _opening(cmd: OpenCase, catalogue: CatalogueInForce, state: Case) -> Sequence[CaseEvent]:
    """Opens the case with the catalogue's steps; its clocks run from `cmd.opened_on`."""
    steps = _plan(catalogue.steps, cmd.green_channel)
    opened = CaseOpened(
        case_id=cmd.case_id, lead_id=cmd.lead_id, enterprise_name=cmd.enterprise_name,
        credit_code=cmd.credit_code, project=cmd.project, planned_investment=cmd.planned_investment,
        park_id=cmd.park_id, industry=cmd.industry, green_channel=cmd.green_channel,
        opened_on=cmd.opened_on,
        green_channel_reason=cmd.green_channel_reason if cmd.green_channel else None,
        requested_parcel_id=cmd.requested_parcel_id, catalogue_policy_id=catalogue.policy_id,
        catalogue_version=catalogue.version, steps=steps,
    )  # fmt: skip
    return [opened, *reach_next(evolve(state, opened), cmd.opened_on, cmd.calendar)]


def _hq_step(state: Case) -> Step:
    step = next((s for s in state.steps if s.by_headquarters), None)
    if state.status == "none" or step is None:
        raise NotFound(f"case {state.case_id or '?'} has no project-approval step")
    return step


def _approval(cmd: RecordApprovalDecision, state: Case) -> Sequence[CaseEvent]:
    step = _hq_step(state)
    outcome = "approved" if cmd.approved else "rejected"
    if step.status == outcome:
        return []
    guard_open(state)
    if step.status != "accepted":
        raise Conflict(f"step {step.code} is {step.status}; no approval was requested")
    taken, within = time_taken(step, cmd.on, cmd.calendar)
    common = {"case_id": state.case_id, "step_code": step.code, "on": cmd.on, "approval_id": cmd.approval_id}
    if not cmd.approved:
        reason = cmd.reason or "rejected by headquarters"
        return [StepRejected(**common, reason=reason, working_days_taken=taken, within_promise=within)]
    approved = StepApproved(
        **common, working_days_taken=taken, within_promise=within, allocated_parcel_id=cmd.allocated_parcel_id
    )
    return [approved, *reach_next(evolve(state, approved), cmd.on, cmd.calendar)]


def _overdue(cmd: FlagOverdue, state: Case) -> Sequence[CaseEvent]:
    step = state.step(cmd.step_code)
    if state.status == "none" or step is None:
        raise NotFound(f"case {state.case_id or '?'} has no step {cmd.step_code!r}")
    if step.overdue:
        raise Conflict(f"step {step.code} of case {state.case_id} was flagged overdue already")
    breach_seen = {"accepted": cmd.on, "returned": step.returned_on}.get(step.status, step.decided_on)
    if (
        step.deadline is None
        or step.accepted_on is None
        or breach_seen is None
        or breach_seen <= step.deadline
    ):
        raise Conflict(f"step {step.code} has not passed its deadline ({step.deadline}) undecided")
    return [
        StepOverdue(
            case_id=state.case_id, step_code=step.code, step_name=step.plan.name,
            accepted_on=step.accepted_on, deadline=step.deadline, enterprise_name=state.enterprise_name,
            decided_by=step.plan.decided_by,
        )
    ]  # fmt: skip


def _seal(cmd: SealCase, state: Case) -> Sequence[CaseEvent]:
    if state.status == "sealed":
        raise Conflict(f"case {state.case_id} was sealed already on {state.sealed_on}; one seal only")
    guard_open(state)
    waiting = [s.code for s in state.steps if s.status != "approved"]
    if waiting:
        raise Conflict(f"case {state.case_id} cannot be sealed: steps not approved: {', '.join(waiting)}")
    return [CaseSealed(case_id=state.case_id, sealed_on=cmd.on)]


def _commission(cmd: CommissionEnterprise, state: Case) -> Sequence[CaseEvent]:
    if state.status == "open":
        raise Conflict(f"case {state.case_id} must be sealed before commissioning")
    if state.status != "sealed":
        guard_open(state)
    return [
        EnterpriseCommissioned(
            case_id=state.case_id, lead_id=state.lead_id, credit_code=state.credit_code,
            commissioned_on=cmd.on,
        )
    ]  # fmt: skip


def decide(command: CaseCommand, state: Case) -> Sequence[CaseEvent]:
    if isinstance(command, OpenCase):
        return _open(command, state)
    guard_catalogue(state)  # a case waiting for the catalogue takes nothing but its opening
    if isinstance(command, StepCommand):
        return decide_step(command, state)
    if isinstance(command, RecordApprovalDecision):
        return _approval(command, state)
    if isinstance(command, FlagOverdue):
        return _overdue(command, state)
    if isinstance(command, SealCase):
        return _seal(command, state)
    return _commission(command, state)


case_decider: Decider[CaseCommand, Case, CaseEvent] = Decider(Case(), decide, evolve)
