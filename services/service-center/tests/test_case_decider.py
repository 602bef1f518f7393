"""Given/when/then for the service case: opening, steps in order, the promise clock, HQ's
approval, overdue flags, the one seal and commissioning."""

from datetime import date
from decimal import Decimal

import pytest
from park_service_center.domain.case import case_decider, case_id_for_lead
from park_service_center.domain.case_commands import (
    AcceptStep,
    ApproveStep,
    CatalogueInForce,
    CommissionEnterprise,
    FlagOverdue,
    OpenCase,
    RecordApprovalDecision,
    RejectStep,
    ReopenStep,
    ReturnStep,
    SealCase,
    SubmitStep,
)
from park_service_center.domain.case_events import (
    ApprovalRequested,
    CaseEvent,
    CaseOpened,
    CaseSealed,
    EnterpriseCommissioned,
    StepAccepted,
    StepApproved,
    StepOverdue,
    StepRejected,
    StepReopened,
    StepReturned,
    StepSubmitted,
)
from park_service_center.domain.policy_terms import CatalogueStep
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.working_days import WorkingCalendar

CAL = WorkingCalendar.from_days({date(2026, 4, 6)}, {date(2026, 4, 11)})
THU = date(2026, 4, 2)
CODE = "91350100M000100Y43"
STEPS = (
    CatalogueStep(
        code="land_use", name="用地", required_documents=("application", "site plan"),
        working_days=5, green_channel_working_days=2,
    ),
    CatalogueStep(
        code="project_approval", name="立项", working_days=10, green_channel_working_days=5,
        decided_by="headquarters",
    ),
    CatalogueStep(code="fire_safety", name="消防", working_days=3, green_channel_working_days=1),
)  # fmt: skip


def open_case(**overrides: object) -> OpenCase:
    fields: dict[str, object] = dict(
        case_id="case-1", lead_id=None, enterprise_name="Minjiang Optics", credit_code=CODE,
        project="lens factory", planned_investment=Decimal("5000000.00"), park_id="north",
        industry="electronics", green_channel=False, green_channel_reason=None,
        requested_parcel_id="north-A01", opened_on=THU,
        catalogue=CatalogueInForce(policy_id="cat", version=2, steps=STEPS), calendar=CAL,
    )  # fmt: skip
    fields.update(overrides)
    return OpenCase(**fields)  # type: ignore[arg-type]


def history(*more: CaseEvent, green: bool = False) -> list[CaseEvent]:
    opened = case_decider.decide(
        open_case(green_channel=green, green_channel_reason="key project"), case_decider.initial_state
    )
    return [*opened, *more]


def submitted(code: str = "land_use", on: date = THU) -> StepSubmitted:
    return StepSubmitted(case_id="case-1", step_code=code, on=on, documents=("application", "site plan"))


def accepted(code: str = "land_use", on: date = THU, deadline: date = date(2026, 4, 10)) -> StepAccepted:
    return StepAccepted(case_id="case-1", step_code=code, on=on, deadline=deadline, working_days=5)


def approved(code: str = "land_use", on: date = THU) -> StepApproved:
    return StepApproved(case_id="case-1", step_code=code, on=on, working_days_taken=0, within_promise=True)


def test_a_walk_in_case_opens_with_the_catalogue_steps() -> None:
    [opened] = case_decider.given([], open_case())
    assert isinstance(opened, CaseOpened)
    assert [s.code for s in opened.steps] == ["land_use", "project_approval", "fire_safety"]
    assert [s.working_days for s in opened.steps] == [5, 10, 3]
    assert opened.catalogue_policy_id == "cat" and opened.catalogue_version == 2


def test_a_green_channel_case_gets_the_shorter_limits_and_needs_a_reason() -> None:
    [opened] = case_decider.given(
        [], open_case(green_channel=True, green_channel_reason="provincial key project")
    )
    assert isinstance(opened, CaseOpened) and [s.working_days for s in opened.steps] == [2, 5, 1]
    with pytest.raises(Invalid) as refused:
        case_decider.given([], open_case(green_channel=True, green_channel_reason=" "))
    assert refused.value.field == "green_channel_reason"


def test_a_walk_in_with_a_bad_credit_code_is_refused() -> None:
    with pytest.raises(Invalid) as refused:
        case_decider.given([], open_case(credit_code="91350100M000100Y44"))
    assert refused.value.field == "credit_code"


def test_no_catalogue_in_force_no_case() -> None:
    with pytest.raises(Conflict, match="no procedure catalogue"):
        case_decider.given([], open_case(catalogue=None))


def test_a_lead_opens_one_case_however_often_it_arrives() -> None:
    command = open_case(case_id=case_id_for_lead("lead-7"), lead_id="lead-7")
    events = case_decider.given([], command)
    assert case_decider.given(events, command) == []
    assert case_id_for_lead("lead-7") == case_id_for_lead("lead-7") != case_id_for_lead("lead-8")
    with pytest.raises(Conflict, match="exists already"):
        case_decider.given(events, open_case(case_id=command.case_id))


def test_when_the_first_step_is_project_approval_the_request_goes_out_at_opening() -> None:
    steps = (STEPS[1], STEPS[0])
    events = case_decider.given(
        [], open_case(catalogue=CatalogueInForce(policy_id="c", version=1, steps=steps))
    )
    assert [type(e) for e in events] == [CaseOpened, ApprovalRequested, StepAccepted]
    request = events[1]
    assert isinstance(request, ApprovalRequested)
    assert (request.step_code, request.requested_parcel_id, request.working_days) == (
        "project_approval",
        "north-A01",
        10,
    )
    assert events[2].deadline == date(2026, 4, 16)  # type: ignore[union-attr]  # 10 days, make-up Sat counts


def test_submission_records_missing_documents_and_acceptance_needs_them_all() -> None:
    [sub] = case_decider.given(
        history(), SubmitStep(step_code="land_use", on=THU, documents=("application",))
    )
    assert isinstance(sub, StepSubmitted) and sub.missing_documents == ("site plan",)
    with pytest.raises(Conflict, match="lacks required documents: site plan"):
        case_decider.given(history(sub), AcceptStep(step_code="land_use", on=THU, calendar=CAL))
    with pytest.raises(Invalid) as empty:
        case_decider.given(history(), SubmitStep(step_code="land_use", on=THU, documents=()))
    assert empty.value.field == "documents"


def test_acceptance_starts_the_clock_on_working_days() -> None:
    [acc] = case_decider.given(history(submitted()), AcceptStep(step_code="land_use", on=THU, calendar=CAL))
    assert acc == StepAccepted(
        case_id="case-1", step_code="land_use", on=THU, deadline=date(2026, 4, 10), working_days=5
    )


def test_steps_run_in_catalogue_order() -> None:
    with pytest.raises(Conflict, match="before step land_use is approved"):
        case_decider.given(history(), SubmitStep(step_code="fire_safety", on=THU, documents=("x",)))
    with pytest.raises(Conflict, match="only a submitted step can be accepted"):
        case_decider.given(history(), AcceptStep(step_code="land_use", on=THU))
    with pytest.raises(NotFound):
        case_decider.given(history(), AcceptStep(step_code="nope", on=THU))


def test_approving_a_step_reaches_project_approval_and_asks_hq() -> None:
    events = case_decider.given(
        history(submitted(), accepted()), ApproveStep(step_code="land_use", on=date(2026, 4, 7), calendar=CAL)
    )
    assert [type(e) for e in events] == [StepApproved, ApprovalRequested, StepAccepted]
    assert events[0] == StepApproved(
        case_id="case-1", step_code="land_use", on=date(2026, 4, 7), working_days_taken=2, within_promise=True
    )
    with pytest.raises(Conflict, match="decided by headquarters"):
        case_decider.given(
            history(submitted(), accepted(), *events), ApproveStep(step_code="project_approval", on=THU)
        )


def test_a_return_pauses_the_clock_and_a_resubmission_resumes_it() -> None:
    returned = case_decider.given(
        history(submitted(), accepted()),
        ReturnStep(step_code="land_use", on=date(2026, 4, 7), reason="site plan unsigned", calendar=CAL),
    )
    assert returned == [
        StepReturned(
            case_id="case-1",
            step_code="land_use",
            on=date(2026, 4, 7),
            reason="site plan unsigned",
            working_days_used=2,
        )
    ]
    resumed = case_decider.given(
        history(submitted(), accepted(), *returned),
        SubmitStep(
            step_code="land_use", on=date(2026, 4, 13), documents=("application", "site plan"), calendar=CAL
        ),
    )
    # 3 working days remain: Tue 14, Wed 15, Thu 16
    assert resumed[1] == StepAccepted(
        case_id="case-1",
        step_code="land_use",
        on=date(2026, 4, 13),
        deadline=date(2026, 4, 16),
        working_days=3,
        resumed=True,
    )


def test_the_head_reopens_a_returned_step() -> None:
    returned = StepReturned(case_id="case-1", step_code="land_use", on=THU, reason="r", working_days_used=1)
    events = case_decider.given(
        history(submitted(), accepted(), returned),
        ReopenStep(step_code="land_use", on=THU, reason="returned by mistake", calendar=CAL),
    )
    assert [type(e) for e in events] == [StepReopened, StepAccepted]
    assert events[1].deadline == date(2026, 4, 9)  # type: ignore[union-attr]
    with pytest.raises(Conflict, match="only a returned step can be reopened"):
        case_decider.given(history(submitted()), ReopenStep(step_code="land_use", on=THU, reason="x"))


def test_a_rejection_stops_the_case() -> None:
    events = case_decider.given(
        history(submitted(), accepted()), RejectStep(step_code="land_use", on=THU, reason="wrong zone")
    )
    assert isinstance(events[0], StepRejected)
    stopped = history(submitted(), accepted(), *events)
    assert case_decider.fold(stopped).status == "stopped"
    with pytest.raises(Conflict, match="stopped: step land_use was rejected"):
        case_decider.given(stopped, SubmitStep(step_code="land_use", on=THU, documents=("a",)))


def hq_requested() -> list[CaseEvent]:
    given = history(submitted(), accepted())
    return [*given, *case_decider.given(given, ApproveStep(step_code="land_use", on=THU, calendar=CAL))]


def test_hq_approval_moves_the_case_on_once() -> None:
    decision = RecordApprovalDecision(
        approved=True, approval_id="ap-1", on=date(2026, 4, 8), allocated_parcel_id="north-A01"
    )
    [event] = case_decider.given(hq_requested(), decision)
    assert isinstance(event, StepApproved) and event.approval_id == "ap-1"
    after = case_decider.fold([*hq_requested(), event])
    assert after.current is not None and after.current.code == "fire_safety"
    assert after.allocated_parcel_id == "north-A01"
    assert case_decider.given([*hq_requested(), event], decision) == []


def test_hq_rejection_stops_the_case() -> None:
    decision = RecordApprovalDecision(
        approved=False, approval_id="ap-2", on=THU, reason="not in the industrial plan"
    )
    [event] = case_decider.given(hq_requested(), decision)
    assert isinstance(event, StepRejected) and event.reason == "not in the industrial plan"
    assert case_decider.fold([*hq_requested(), event]).status == "stopped"


def test_an_approval_nobody_asked_for_is_refused() -> None:
    with pytest.raises(Conflict, match="no approval was requested"):
        case_decider.given(history(), RecordApprovalDecision(approved=True, approval_id="x", on=THU))


def test_overdue_once_and_only_after_the_deadline() -> None:
    given = history(submitted(), accepted())
    with pytest.raises(Conflict, match="has not passed its deadline"):
        case_decider.given(given, FlagOverdue(step_code="land_use", on=date(2026, 4, 10)))
    [overdue] = case_decider.given(given, FlagOverdue(step_code="land_use", on=date(2026, 4, 11)))
    assert overdue == StepOverdue(
        case_id="case-1", step_code="land_use", step_name="用地", accepted_on=THU,
        deadline=date(2026, 4, 10), enterprise_name="Minjiang Optics",
    )  # fmt: skip
    with pytest.raises(Conflict, match="flagged overdue already"):
        case_decider.given([*given, overdue], FlagOverdue(step_code="land_use", on=date(2026, 4, 20)))


def test_a_step_decided_late_is_still_flagged_once_and_a_timely_one_never() -> None:
    late = approved(on=date(2026, 4, 13))
    assert (
        len(
            case_decider.given(
                history(submitted(), accepted(), late),
                FlagOverdue(step_code="land_use", on=date(2026, 4, 20)),
            )
        )
        == 1
    )
    with pytest.raises(Conflict):
        case_decider.given(
            history(submitted(), accepted(), approved()),
            FlagOverdue(step_code="land_use", on=date(2026, 5, 1)),
        )


def all_approved() -> list[CaseEvent]:
    return [*hq_requested(), StepApproved(case_id="case-1", step_code="project_approval", on=THU),
            StepSubmitted(case_id="case-1", step_code="fire_safety", on=THU, documents=("x",)),
            accepted("fire_safety"), approved("fire_safety")]  # fmt: skip


def test_one_seal_when_every_step_is_approved_then_commissioning() -> None:
    with pytest.raises(Conflict, match="steps not approved: project_approval, fire_safety"):
        case_decider.given(history(submitted(), accepted(), approved()), SealCase(on=THU))
    [sealed] = case_decider.given(all_approved(), SealCase(on=THU))
    assert sealed == CaseSealed(case_id="case-1", sealed_on=THU)
    with pytest.raises(Conflict, match="sealed already"):
        case_decider.given([*all_approved(), sealed], SealCase(on=THU))
    with pytest.raises(Conflict, match="must be sealed"):
        case_decider.given(all_approved(), CommissionEnterprise(on=THU))
    [done] = case_decider.given([*all_approved(), sealed], CommissionEnterprise(on=date(2026, 9, 1)))
    assert done == EnterpriseCommissioned(
        case_id="case-1", lead_id=None, credit_code=CODE, commissioned_on=date(2026, 9, 1)
    )
    with pytest.raises(Conflict, match="commissioned"):
        case_decider.given([*all_approved(), sealed, done], CommissionEnterprise(on=THU))


def test_a_sealed_case_takes_no_step_actions() -> None:
    sealed = [*all_approved(), CaseSealed(case_id="case-1", sealed_on=THU)]
    with pytest.raises(Conflict, match="is sealed"):
        case_decider.given(sealed, SubmitStep(step_code="fire_safety", on=THU, documents=("x",)))
