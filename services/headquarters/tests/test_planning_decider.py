"""Graded authority: a planner decides within their level; larger, escalated and violation
cases and appeals are the head's. A decision may be appealed once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from park_headquarters.domain import planning
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
    PlanningDecisionAppealed,
)
from park_shared.errors import Conflict, Forbidden, Invalid, NotFound

DAY = date(2026, 3, 2)
HEAD = Authority(role="head")
LEVEL_1 = Authority(role="planner", level=1, floor_area_limit_m2=5000, height_limit_m=Decimal(24))
NO_LEVEL = Authority(role="planner", level=0)


def filed(area: int = 4000, height: str = "18", kind: str = "application") -> PlanningCaseFiled:
    return PlanningCaseFiled.model_validate(
        {
            "application_id": "pla-1",
            "kind": kind,
            "parcel_id": "north-A01",
            "applicant": "绿能科技",
            "use": "industrial",
            "floor_area_m2": area,
            "height_m": height,
            "description": "厂房",
            "filed_on": DAY,
        }
    )


def decide(outcome: Outcome = "approved", who: Authority = LEVEL_1, reasons: str = "") -> DecideCase:
    return DecideCase(outcome=outcome, reasons=reasons, authority=who, decided_on=DAY)


def decided(outcome: Outcome = "approved") -> PlanningCaseDecided:
    return PlanningCaseDecided(
        application_id="pla-1",
        outcome=outcome,
        reasons="",
        decided_by="planner",
        planner_level=1,
        decided_on=DAY,
    )


def appealed() -> PlanningDecisionAppealed:
    return PlanningDecisionAppealed(application_id="pla-1", grounds="不服", appealed_on=DAY)


def test_filing_records_the_case_once() -> None:
    command = FilePlanningCase(**filed().model_dump())
    assert planning.decider.given([], command) == [filed()]
    with pytest.raises(Conflict):
        planning.decider.given([filed()], command)


def test_a_planner_decides_within_the_limits_of_their_level() -> None:
    assert planning.decider.given([filed()], decide()) == [decided()]


@pytest.mark.parametrize(
    ("case", "who", "why"),
    [
        (filed(area=6000), LEVEL_1, "floor area of 6000 m² is above your level-1 limit of 5000 m²"),
        (filed(height="30"), LEVEL_1, "height of 30 m is above your level-1 limit of 24 m"),
        (filed(), NO_LEVEL, "planner level 0 decides no cases alone"),
    ],
)
def test_above_their_level_a_planner_is_told_to_escalate(
    case: PlanningCaseFiled, who: Authority, why: str
) -> None:
    with pytest.raises(Forbidden, match=why) as refused:
        planning.decider.given([case], decide(who=who))
    assert "escalate it to the administrative head (hq.head)" in refused.value.detail
    assert refused.value.extra["escalate_to"] == "hq.head"


def test_the_head_decides_any_case_and_an_escalated_case_is_the_heads_only() -> None:
    big = filed(area=90000)
    [decision] = planning.decider.given([big], decide("refused", HEAD, "容积率超标"))
    assert isinstance(decision, PlanningCaseDecided) and decision.decided_by == "head"
    escalated = [filed(), PlanningCaseEscalated(application_id="pla-1", reason="复杂", escalated_on=DAY)]
    with pytest.raises(Forbidden, match="escalated"):
        planning.decider.given(escalated, decide())
    assert planning.decider.given(escalated, decide(who=HEAD))


def test_escalation_happens_once_and_only_before_a_decision() -> None:
    command = EscalateCase(reason="超出权限", escalated_on=DAY)
    [escalated] = planning.decider.given([filed()], command)
    with pytest.raises(Conflict, match="escalated"):
        planning.decider.given([filed(), escalated], command)
    with pytest.raises(Conflict, match="decided"):
        planning.decider.given([filed(), decided()], command)


def test_violation_cases_are_the_heads_and_have_their_own_outcomes() -> None:
    violation = filed(kind="violation")
    with pytest.raises(Forbidden, match="violation cases are decided by the head"):
        planning.decider.given([violation], decide("sanctioned", reasons="未批先建"))
    with pytest.raises(Invalid) as wrong:
        planning.decider.given([violation], decide("approved", HEAD))
    assert wrong.value.field == "outcome"
    assert planning.decider.given([violation], decide("sanctioned", HEAD, "未批先建"))


def test_a_refusal_needs_reasons() -> None:
    with pytest.raises(Invalid) as bad:
        planning.decider.given([filed()], decide("refused"))
    assert bad.value.field == "reasons"


def test_a_decision_is_appealed_once_and_the_head_rules_on_it() -> None:
    appeal = AppealDecision(grounds="不服", appealed_on=DAY)
    with pytest.raises(Conflict, match="not decided"):
        planning.decider.given([filed()], appeal)
    given = [filed(), decided("refused")]
    assert planning.decider.given(given, appeal) == [appealed()]
    with pytest.raises(Conflict, match="appealed once"):
        planning.decider.given([*given, appealed()], appeal)
    ruling = DecideAppeal(appeal_outcome="overturned", reasons="理由成立", authority=HEAD, decided_on=DAY)
    [final] = planning.decider.given([*given, appealed()], ruling)
    assert isinstance(final, PlanningAppealDecided) and final.final_outcome == "approved"
    with pytest.raises(Conflict, match="appealed once"):
        planning.decider.given([*given, appealed(), final], appeal)


def test_only_the_head_rules_on_an_appeal_and_only_on_a_pending_one() -> None:
    given = [filed(), decided("refused"), appealed()]
    by_planner = DecideAppeal(appeal_outcome="upheld", reasons="x", authority=LEVEL_1, decided_on=DAY)
    with pytest.raises(Forbidden, match="head"):
        planning.decider.given(given, by_planner)
    upheld = by_planner.model_copy(update={"authority": HEAD})
    [final] = planning.decider.given(given, upheld)
    assert isinstance(final, PlanningAppealDecided) and final.final_outcome == "refused"
    with pytest.raises(Conflict, match="no pending appeal"):
        planning.decider.given(given[:2], upheld)
    with pytest.raises(NotFound):
        planning.decider.given([], upheld)
