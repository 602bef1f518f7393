"""Planning cases with graded authority (分级审批): a planner decides within the limits of
their level; larger cases, escalated cases, violations and appeals go to the head."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from park_shared.decider import Decider
from park_shared.errors import Conflict, Forbidden, Invalid, NotFound
from pydantic import BaseModel, ConfigDict

from park_headquarters.domain.planning_messages import (
    AppealDecision,
    Authority,
    DecideAppeal,
    DecideCase,
    EscalateCase,
    FilePlanningCase,
    Outcome,
    PlanningAppealDecided,
    PlanningCaseDecided,
    PlanningCaseEscalated,
    PlanningCaseFiled,
    PlanningCommand,
    PlanningDecisionAppealed,
    PlanningEvent,
)

__all__ = ["PlanningState", "decider"]

OUTCOMES: dict[str, tuple[str, str]] = {
    "application": ("approved", "refused"),
    "violation": ("sanctioned", "dismissed"),
}
ESCALATE = "escalate it to the administrative head (hq.head)"


Status = Literal["none", "filed", "escalated", "decided", "appealed", "final"]


class PlanningState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Status = "none"
    case: FilePlanningCase | None = None
    outcome: Outcome | None = None


def _case(state: PlanningState) -> FilePlanningCase:
    if state.case is None:
        raise NotFound("there is no such planning case")
    return state.case


def _why_not(a: Authority, state: PlanningState, case: FilePlanningCase) -> str | None:
    """Why a planner may not decide this case alone, or None if they may."""
    area, height = a.floor_area_limit_m2, a.height_limit_m
    if case.kind == "violation":
        return f"violation cases are decided by the head only; {ESCALATE}"
    if state.status == "escalated":
        return "this case was escalated: only the head (hq.head) decides it"
    if area is None or height is None:
        return f"planner level {a.level} decides no cases alone; {ESCALATE}"
    if case.floor_area_m2 > area:
        return (
            f"a floor area of {case.floor_area_m2} m² is above your level-{a.level} limit of "
            f"{area} m²; {ESCALATE}"
        )
    if case.height_m > height:
        return f"a height of {case.height_m} m is above your level-{a.level} limit of {height} m; {ESCALATE}"
    return None


def _check_authority(a: Authority, state: PlanningState, case: FilePlanningCase) -> None:
    if a.role == "head":
        return
    why = _why_not(a, state, case)
    if why is not None:
        raise Forbidden(why, level=a.level, escalate_to="hq.head")


def _file(c: FilePlanningCase, state: PlanningState) -> list[PlanningEvent]:
    if state.status != "none":
        raise Conflict(f"planning case {c.application_id} exists already")
    return [PlanningCaseFiled(**c.model_dump())]


def _escalate(c: EscalateCase, state: PlanningState) -> list[PlanningEvent]:
    case = _case(state)
    if state.status != "filed":
        raise Conflict(f"planning case {case.application_id} is {state.status}; it can't be escalated")
    return [
        PlanningCaseEscalated(
            application_id=case.application_id, reason=c.reason, escalated_on=c.escalated_on
        )
    ]


def _decide(c: DecideCase, state: PlanningState) -> list[PlanningEvent]:
    case = _case(state)
    if state.status not in ("filed", "escalated"):
        raise Conflict(f"planning case {case.application_id} is {state.status}; it was decided already")
    if c.outcome not in OUTCOMES[case.kind]:
        allowed = " or ".join(OUTCOMES[case.kind])
        raise Invalid(f"a {case.kind} case is decided {allowed}", field="outcome")
    if c.outcome != "approved" and not c.reasons.strip():
        raise Invalid(f"a case {c.outcome} needs reasons", field="reasons")
    _check_authority(c.authority, state, case)
    level = c.authority.level if c.authority.role == "planner" else None
    return [
        PlanningCaseDecided(
            application_id=case.application_id,
            outcome=c.outcome,
            reasons=c.reasons,
            decided_by=c.authority.role,
            planner_level=level,
            decided_on=c.decided_on,
        )
    ]


def _appeal(c: AppealDecision, state: PlanningState) -> list[PlanningEvent]:
    case = _case(state)
    if state.status in ("appealed", "final"):
        raise Conflict("this decision was appealed once already; a decision may be appealed once")
    if state.status != "decided":
        raise Conflict(f"planning case {case.application_id} is not decided yet; nothing to appeal")
    return [
        PlanningDecisionAppealed(
            application_id=case.application_id, grounds=c.grounds, appealed_on=c.appealed_on
        )
    ]


def _decide_appeal(c: DecideAppeal, state: PlanningState) -> list[PlanningEvent]:
    case = _case(state)
    if c.authority.role != "head":
        raise Forbidden("appeals are decided by the head (hq.head) only", escalate_to="hq.head")
    if state.status != "appealed":
        raise Conflict(f"planning case {case.application_id} has no pending appeal ({state.status})")
    assert state.outcome is not None
    first, second = OUTCOMES[case.kind]
    flipped: Outcome = second if state.outcome == first else first  # type: ignore[assignment]
    final = state.outcome if c.appeal_outcome == "upheld" else flipped
    return [
        PlanningAppealDecided(
            application_id=case.application_id,
            appeal_outcome=c.appeal_outcome,
            final_outcome=final,
            reasons=c.reasons,
            decided_on=c.decided_on,
        )
    ]


def decide(command: PlanningCommand, state: PlanningState) -> Sequence[PlanningEvent]:
    if isinstance(command, FilePlanningCase):
        return _file(command, state)
    if isinstance(command, EscalateCase):
        return _escalate(command, state)
    if isinstance(command, DecideCase):
        return _decide(command, state)
    if isinstance(command, AppealDecision):
        return _appeal(command, state)
    return _decide_appeal(command, state)


def evolve(state: PlanningState, event: PlanningEvent) -> PlanningState:
    if isinstance(event, PlanningCaseFiled):
        return PlanningState(status="filed", case=FilePlanningCase(**event.model_dump()))
    if isinstance(event, PlanningCaseEscalated):
        return state.model_copy(update={"status": "escalated"})
    if isinstance(event, PlanningCaseDecided):
        return state.model_copy(update={"status": "decided", "outcome": event.outcome})
    if isinstance(event, PlanningDecisionAppealed):
        return state.model_copy(update={"status": "appealed"})
    return state.model_copy(update={"status": "final", "outcome": event.final_outcome})


decider: Decider[PlanningCommand, PlanningState, PlanningEvent] = Decider(PlanningState(), decide, evolve)
