"""Land requisition: agreements at no less than the standard, compensation paid once, policy
issues closed, and only then are the parcels requisitioned."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from park_headquarters.domain.land_requisition import (
    AgreementSigned,
    CloseIssue,
    Collective,
    CompensationPaid,
    CompensationStandard,
    NoteResettlement,
    OpenRequisition,
    RaiseIssue,
    RecordCompensationPaid,
    RequisitionCompleted,
    RequisitionEvent,
    RequisitionOpened,
    ResettlementNoted,
    SignAgreement,
    decider,
)
from park_shared.errors import Conflict, Invalid, NotFound

CASE = "req-2026-001"
STANDARD = CompensationStandard(
    policy_id="compensation-standard", version=2, per_mu={"arable": Decimal(30000), "forest": Decimal(12000)}
)
EAST = Collective(
    collective_id="east-village", name="东村 East village", households=40, parcel_ids=("north-A1",)
)
WEST = Collective(
    collective_id="west-village", name="西村 West village", households=25, parcel_ids=("north-A2", "north-A3")
)


def opened() -> list[RequisitionEvent]:
    return list(
        decider.given(
            [],
            OpenRequisition(
                case_id=CASE,
                parcel_ids=("north-A1", "north-A2", "north-A3"),
                collectives=(EAST, WEST),
                opened_on=date(2026, 3, 2),
            ),
        )
    )


def sign(collective: Collective, amount: int, **areas: int) -> SignAgreement:
    return SignAgreement(
        case_id=CASE,
        collective_id=collective.collective_id,
        parcel_ids=collective.parcel_ids,
        areas={k: Decimal(v) for k, v in areas.items()},  # type: ignore[misc]
        amount=Decimal(amount),
        standard=STANDARD,
        signed_on=date(2026, 3, 10),
        today=date(2026, 3, 10),
    )


def pay(collective: Collective, amount: int, payment_id: str = "pay-1") -> RecordCompensationPaid:
    return RecordCompensationPaid(
        case_id=CASE,
        collective_id=collective.collective_id,
        amount=Decimal(amount),
        payment_id=payment_id,
        paid_on=date(2026, 3, 20),
    )


def then(events: list[RequisitionEvent], *commands: object) -> list[RequisitionEvent]:
    for command in commands:
        events = events + list(decider.given(events, command))  # type: ignore[arg-type]
    return events


def test_an_agreement_at_the_standard_records_the_standard_and_its_minimum() -> None:
    [signed] = decider.given(opened(), sign(EAST, 300_000, arable=10))
    assert isinstance(signed, AgreementSigned)
    assert (signed.minimum, signed.standard_policy_id, signed.standard_version) == (
        Decimal(300000),
        STANDARD.policy_id,
        2,
    )


def test_compensation_below_the_standard_in_force_is_refused_naming_the_amount() -> None:
    with pytest.raises(Invalid) as refused:
        decider.given(opened(), sign(WEST, 400_000, arable=10, forest=10))
    assert refused.value.field == "amount"
    assert refused.value.extra["minimum"] == "420000"


def test_a_land_class_without_a_rate_in_the_standard_is_refused() -> None:
    with pytest.raises(Invalid) as refused:
        decider.given(opened(), sign(EAST, 900_000, homestead=3))
    assert refused.value.field == "areas"


def test_an_agreement_for_a_parcel_outside_the_case_or_the_collective_is_refused() -> None:
    outside = sign(EAST, 300_000, arable=10).model_copy(update={"parcel_ids": ("south-B9",)})
    with pytest.raises(Invalid) as refused:
        decider.given(opened(), outside)
    assert refused.value.field == "parcel_ids"
    with pytest.raises(Invalid) as refused:
        decider.given(
            opened(), sign(EAST, 300_000, arable=10).model_copy(update={"parcel_ids": ("north-A2",)})
        )
    assert "not a parcel of collective east-village" in refused.value.detail


def test_a_collective_outside_the_case_and_a_second_agreement_are_refused() -> None:
    stranger = Collective(collective_id="south-village", name="南村", households=3, parcel_ids=("north-A1",))
    with pytest.raises(Invalid) as refused:
        decider.given(opened(), sign(stranger, 300_000, arable=10))
    assert refused.value.field == "collective_id"
    with pytest.raises(Conflict, match="signed its agreement"):
        decider.given(then(opened(), sign(EAST, 300_000, arable=10)), sign(EAST, 310_000, arable=10))


def test_a_case_whose_collective_holds_a_parcel_outside_it_is_refused() -> None:
    with pytest.raises(Invalid) as refused:
        decider.given(
            [],
            OpenRequisition(
                case_id=CASE, parcel_ids=("north-A1",), collectives=(WEST,), opened_on=date(2026, 3, 2)
            ),
        )
    assert refused.value.field == "collectives[0].parcel_ids"


def test_paying_twice_is_refused_and_the_same_payment_told_twice_changes_nothing() -> None:
    events = then(opened(), sign(EAST, 300_000, arable=10), pay(EAST, 300_000))
    assert isinstance(events[-1], CompensationPaid)
    assert decider.given(events, pay(EAST, 300_000)) == []
    with pytest.raises(Conflict, match="was paid on"):
        decider.given(events, pay(EAST, 300_000, payment_id="pay-2"))


def test_paying_without_an_agreement_or_another_amount_is_refused() -> None:
    with pytest.raises(Conflict, match="no signed agreement"):
        decider.given(opened(), pay(EAST, 300_000))
    with pytest.raises(Invalid) as refused:
        decider.given(then(opened(), sign(EAST, 300_000, arable=10)), pay(EAST, 299_999))
    assert refused.value.field == "amount"


def test_the_case_completes_when_every_agreement_is_signed_and_paid_and_no_issue_is_open() -> None:
    issue = RaiseIssue(
        case_id=CASE, issue_id="graves", description="迁坟 graves to move", raised_on=date(2026, 3, 5)
    )
    events = then(
        opened(),
        issue,
        sign(EAST, 300_000, arable=10),
        sign(WEST, 420_000, arable=10, forest=10),
        pay(EAST, 300_000),
        pay(WEST, 420_000, payment_id="pay-2"),
    )
    assert not any(isinstance(e, RequisitionCompleted) for e in events)
    closing = decider.given(
        events, CloseIssue(case_id=CASE, issue_id="graves", resolution="moved", closed_on=date(2026, 3, 25))
    )
    completed = closing[-1]
    assert isinstance(completed, RequisitionCompleted)
    assert completed.parcel_ids == ("north-A1", "north-A2", "north-A3")
    assert completed.completed_on == date(2026, 3, 25)


def test_the_last_payment_completes_a_case_without_issues() -> None:
    events = then(
        opened(),
        sign(EAST, 300_000, arable=10),
        sign(WEST, 420_000, arable=10, forest=10),
        pay(EAST, 300_000),
    )
    paid, completed = decider.given(events, pay(WEST, 420_000, payment_id="pay-2"))
    assert isinstance(paid, CompensationPaid) and isinstance(completed, RequisitionCompleted)


def test_a_completed_case_takes_no_new_agreement_or_issue() -> None:
    one = OpenRequisition(
        case_id=CASE, parcel_ids=("north-A1",), collectives=(EAST,), opened_on=date(2026, 3, 2)
    )
    events = then([], one, sign(EAST, 300_000, arable=10), pay(EAST, 300_000))
    with pytest.raises(Conflict, match="completed"):
        decider.given(
            events, RaiseIssue(case_id=CASE, issue_id="late", description="x", raised_on=date(2026, 4, 1))
        )


def test_issues_are_closed_once_and_only_if_raised() -> None:
    raised = then(
        opened(), RaiseIssue(case_id=CASE, issue_id="i1", description="x", raised_on=date(2026, 3, 5))
    )
    close = CloseIssue(case_id=CASE, issue_id="i1", resolution="done", closed_on=date(2026, 3, 6))
    with pytest.raises(NotFound):
        decider.given(opened(), close)
    with pytest.raises(Conflict, match="closed already"):
        decider.given(then(raised, close), close)


def test_resettlement_is_noted_within_the_collective_s_households() -> None:
    [noted] = decider.given(
        opened(),
        NoteResettlement(
            case_id=CASE, collective_id="east-village", households_resettled=40, noted_on=date(2026, 4, 1)
        ),
    )
    assert isinstance(noted, ResettlementNoted)
    with pytest.raises(Invalid) as refused:
        decider.given(
            opened(),
            NoteResettlement(
                case_id=CASE, collective_id="east-village", households_resettled=41, noted_on=date(2026, 4, 1)
            ),
        )
    assert refused.value.field == "households_resettled"


def test_a_case_is_opened_once() -> None:
    with pytest.raises(Conflict):
        decider.given(
            opened(),
            OpenRequisition(
                case_id=CASE,
                parcel_ids=("x",),
                collectives=(Collective(collective_id="c1", name="c", households=1, parcel_ids=("x",)),),
                opened_on=date(2026, 3, 2),
            ),
        )


def test_an_agreement_is_recorded_once_signed_not_before() -> None:
    future = sign(EAST, 300_000, arable=10).model_copy(update={"today": date(2026, 3, 9)})
    with pytest.raises(Invalid, match="once signed") as refused:
        decider.given(opened(), future)
    assert refused.value.field == "signed_on"


def test_the_stages_time_limits_the_case_opens_with_travel_in_its_opening() -> None:
    limits = {"agreements": 30, "payment": 10, "resettlement": 45, "issue": 5}
    command = OpenRequisition(
        case_id=CASE,
        parcel_ids=("north-A1",),
        collectives=(EAST,),
        opened_on=date(2026, 3, 2),
        time_limits=limits,
    )
    [event] = decider.given([], command)
    assert isinstance(event, RequisitionOpened) and event.time_limits == limits
    [without] = opened()
    assert isinstance(without, RequisitionOpened) and without.time_limits is None
