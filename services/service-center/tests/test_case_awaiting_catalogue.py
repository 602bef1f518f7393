"""Given/when/then: a signed lead that arrives while no procedure catalogue is in force waits
for one (never refused, never lost), opens once a catalogue is in force with its clocks running
from that day, and takes no other command while it waits. A walk-in still gets the 409."""

from datetime import date
from decimal import Decimal

import pytest
from park_service_center.domain.case import case_decider, case_id_for_lead
from park_service_center.domain.case_commands import (
    AcceptStep,
    ApproveStep,
    CaseCommand,
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
    CaseAwaitingCatalogue,
    CaseEvent,
    CaseOpened,
    StepAccepted,
)
from park_service_center.domain.case_state import evolve
from park_service_center.domain.policy_terms import CatalogueStep
from park_shared.errors import Conflict
from park_shared.working_days import WorkingCalendar

CAL = WorkingCalendar.from_days({date(2026, 4, 6)}, {date(2026, 4, 11)})
THU = date(2026, 4, 2)
LATER = date(2026, 4, 13)  # a Monday
CASE = case_id_for_lead("lead-7")
CATALOGUE = CatalogueInForce(
    policy_id="cat",
    version=1,
    steps=(
        CatalogueStep(
            code="project_approval", name="立项", working_days=10, green_channel_working_days=5,
            decided_by="headquarters",
        ),
        CatalogueStep(code="land_use", name="用地", working_days=5, green_channel_working_days=2),
    ),
)  # fmt: skip


def from_lead(**overrides: object) -> OpenCase:
    fields: dict[str, object] = dict(
        case_id=CASE, lead_id="lead-7", enterprise_name="Pearl Semis", credit_code="91440300708461136T",
        project="wafer fab", planned_investment=Decimal("8000000.00"), park_id="north",
        industry="electronics", green_channel=False, green_channel_reason=None,
        requested_parcel_id="north-A01", opened_on=THU, catalogue=None, calendar=CAL,
    )  # fmt: skip
    fields.update(overrides)
    return OpenCase(**fields)  # type: ignore[arg-type]


def waiting(**overrides: object) -> list[CaseEvent]:
    return list(case_decider.given([], from_lead(**overrides)))


def test_a_lead_without_a_catalogue_waits_for_one_instead_of_being_refused() -> None:
    [event] = waiting()
    assert event == CaseAwaitingCatalogue(
        case_id=CASE, lead_id="lead-7", enterprise_name="Pearl Semis", credit_code="91440300708461136T",
        project="wafer fab", planned_investment=Decimal("8000000.00"), park_id="north",
        industry="electronics", green_channel=False, requested_parcel_id="north-A01", received_on=THU,
    )  # fmt: skip
    state = case_decider.fold([event])
    assert (state.status, state.received_on, state.opened_on, state.steps) == (
        "awaiting_catalogue",
        THU,
        None,
        (),
    )


def test_a_repeated_lead_without_a_catalogue_changes_nothing() -> None:
    assert case_decider.given(waiting(), from_lead(opened_on=date(2026, 4, 3))) == []


def test_the_waiting_case_opens_with_the_catalogue_its_clocks_running_from_that_day() -> None:
    # the command may carry other data (a later LeadSigned): the recorded request opens
    events = case_decider.given(
        waiting(), from_lead(opened_on=LATER, catalogue=CATALOGUE, enterprise_name="Renamed Ltd")
    )
    assert [type(e) for e in events] == [CaseOpened, ApprovalRequested, StepAccepted]
    opened, requested, accepted = events
    assert isinstance(opened, CaseOpened) and isinstance(requested, ApprovalRequested)
    assert (opened.opened_on, opened.enterprise_name, opened.lead_id) == (LATER, "Pearl Semis", "lead-7")
    assert (opened.catalogue_policy_id, [s.code for s in opened.steps]) == (
        "cat",
        ["project_approval", "land_use"],
    )
    assert requested.requested_on == LATER
    assert isinstance(accepted, StepAccepted) and accepted.deadline == CAL.add_working_days(LATER, 10)
    state = case_decider.fold([*waiting(), *events])
    assert (state.status, state.received_on, state.opened_on) == ("open", THU, LATER)
    again = from_lead(opened_on=date(2026, 4, 14), catalogue=CATALOGUE)
    assert case_decider.given([*waiting(), *events], again) == []


def test_a_green_channel_lead_keeps_its_reason_and_shorter_limits_while_it_waits() -> None:
    given = waiting(green_channel=True, green_channel_reason="granted at signing")
    [opened, *_] = case_decider.given(given, from_lead(opened_on=LATER, catalogue=CATALOGUE))
    assert isinstance(opened, CaseOpened)
    assert (opened.green_channel_reason, [s.working_days for s in opened.steps]) == (
        "granted at signing",
        [5, 2],
    )


def test_a_walk_in_without_a_catalogue_is_still_refused_and_cannot_take_a_waiting_id() -> None:
    with pytest.raises(Conflict, match="no procedure catalogue is in force"):
        case_decider.given([], from_lead(lead_id=None, catalogue=None))
    with pytest.raises(Conflict, match="exists already"):
        case_decider.given(waiting(), from_lead(lead_id=None, catalogue=CATALOGUE))


@pytest.mark.parametrize(
    "command",
    [
        SubmitStep(step_code="project_approval", on=THU, documents=("proposal",)),
        AcceptStep(step_code="project_approval", on=THU),
        ApproveStep(step_code="project_approval", on=THU),
        ReturnStep(step_code="project_approval", on=THU, reason="r"),
        RejectStep(step_code="project_approval", on=THU, reason="r"),
        ReopenStep(step_code="project_approval", on=THU, reason="r"),
        FlagOverdue(step_code="project_approval", on=LATER),
        RecordApprovalDecision(approved=True, approval_id="ap-1", on=THU),
        SealCase(on=THU),
        CommissionEnterprise(on=THU),
    ],
    ids=lambda c: type(c).__name__,
)
def test_a_waiting_case_takes_no_other_command(command: CaseCommand) -> None:
    with pytest.raises(Conflict, match="waiting for HQ's procedure catalogue"):
        case_decider.given(waiting(), command)


def test_evolve_ignores_a_waiting_event_on_a_case_that_exists() -> None:
    [request] = waiting()
    opened = case_decider.fold(case_decider.given([], from_lead(catalogue=CATALOGUE)))
    assert evolve(opened, request) == opened
