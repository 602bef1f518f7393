"""Talent subsidies: one per person and category, by the policy in force on the application's
day, decided against the promised day, paid instalment by instalment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from park_service_center.domain.talent import (
    ApplicationApproved,
    ApplicationRejected,
    ApplyForSubsidy,
    ApproveApplication,
    FlagApplicationOverdue,
    InstalmentPaid,
    PayInstalment,
    RejectApplication,
    TalentCategoryTerms,
    TalentDecisionOverdue,
    TalentEvent,
    decider,
    months_after,
)
from park_shared.errors import Conflict, Invalid, NotFound

HIGH_LEVEL = TalentCategoryTerms(
    policy_id="talent",
    policy_version=2,
    category="high_level",
    one_off_subsidy=Decimal("50000"),
    housing_allowance_monthly=Decimal("2000"),
    housing_months=3,
)


def apply(
    application_id: str = "ta-1", terms: TalentCategoryTerms | None = HIGH_LEVEL, **changes: object
) -> ApplyForSubsidy:
    command = ApplyForSubsidy(
        application_id=application_id,
        person_key="p-7f3a",
        category="high_level",
        enterprise_id="ent-1",
        park_id="north",
        hired_on=date(2026, 1, 5),
        applied_on=date(2026, 3, 2),
        terms=terms,
        deadline=date(2026, 3, 13),
    )
    return command.model_copy(update=changes)


def approved(on: date = date(2026, 3, 10)) -> list[TalentEvent]:
    events = list(decider.given([], apply()))
    return events + list(decider.given(events, ApproveApplication(application_id="ta-1", decided_on=on)))


def pay(number: int, on: date) -> PayInstalment:
    return PayInstalment(application_id="ta-1", number=number, paid_on=on)


def test_approval_grants_the_policy_in_force_on_the_application_day_in_instalments() -> None:
    decision = approved()[-1]
    assert isinstance(decision, ApplicationApproved)
    assert decision.within_promise
    assert [(i.number, i.due_on, i.amount, i.kind) for i in decision.instalments] == [
        (1, date(2026, 3, 10), Decimal("50000.00"), "one_off"),
        (2, date(2026, 4, 10), Decimal("2000.00"), "housing"),
        (3, date(2026, 5, 10), Decimal("2000.00"), "housing"),
        (4, date(2026, 6, 10), Decimal("2000.00"), "housing"),
    ]
    assert decision.total == Decimal("56000.00")


def test_a_decision_after_the_promised_day_is_marked_late() -> None:
    decision = approved(on=date(2026, 3, 16))[-1]
    assert isinstance(decision, ApplicationApproved) and not decision.within_promise


def test_a_person_already_subsidised_in_the_category_is_refused_with_409() -> None:
    with pytest.raises(Conflict, match="subsidised in high_level already") as refused:
        decider.given(approved(), apply("ta-2"))
    assert refused.value.extra["application_id"] == "ta-1"


def test_a_pending_application_blocks_a_second_and_a_rejected_one_does_not() -> None:
    pending = list(decider.given([], apply()))
    with pytest.raises(Conflict, match="awaits its decision"):
        decider.given(pending, apply("ta-2"))
    reject = RejectApplication(application_id="ta-1", reason="not eligible yet", decided_on=date(2026, 3, 5))
    rejected = pending + list(decider.given(pending, reject))
    assert isinstance(rejected[-1], ApplicationRejected)
    assert decider.given(rejected, apply("ta-2"))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"terms": None}, "category"),
        ({"hired_on": date(2026, 3, 3)}, "hired_on"),
        ({"hired_on": date(2025, 3, 1)}, "hired_on"),
    ],
    ids=["category-not-in-policy", "hired-after-applying", "hired-over-a-year-before"],
)
def test_an_ineligible_application_is_refused_naming_the_field(
    changes: dict[str, object], field: str
) -> None:
    with pytest.raises(Invalid) as refused:
        decider.given([], apply(**changes))  # type: ignore[arg-type]
    assert refused.value.field == field


def test_instalments_are_paid_in_order_once_each_and_not_before_they_are_due() -> None:
    events = approved()
    [paid] = decider.given(events, pay(1, date(2026, 3, 10)))
    assert isinstance(paid, InstalmentPaid) and paid.amount == Decimal("50000.00")
    events.append(paid)
    with pytest.raises(Conflict, match="paid already"):
        decider.given(events, pay(1, date(2026, 3, 11)))
    with pytest.raises(Conflict, match="instalment 2 comes first"):
        decider.given(events, pay(3, date(2026, 5, 10)))
    with pytest.raises(Invalid) as refused:
        decider.given(events, pay(2, date(2026, 4, 9)))
    assert refused.value.field == "paid_on"
    with pytest.raises(Invalid) as refused:
        decider.given(events, pay(9, date(2027, 1, 1)))
    assert refused.value.field == "number"


def test_nothing_is_paid_on_an_undecided_application_and_a_decision_is_taken_once() -> None:
    pending = list(decider.given([], apply()))
    with pytest.raises(Conflict, match="pending"):
        decider.given(pending, pay(1, date(2026, 3, 10)))
    with pytest.raises(Conflict, match="approved already"):
        decider.given(approved(), ApproveApplication(application_id="ta-1", decided_on=date(2026, 3, 11)))
    with pytest.raises(NotFound):
        decider.given(pending, ApproveApplication(application_id="ta-9", decided_on=date(2026, 3, 11)))


def test_a_month_later_keeps_the_day_or_takes_the_month_s_last() -> None:
    assert months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_after(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert months_after(date(2026, 3, 10), 12) == date(2027, 3, 10)


def test_an_application_undecided_after_its_promised_day_is_flagged_once() -> None:
    applied = list(decider.given([], apply()))
    assert decider.given(applied, FlagApplicationOverdue(application_id="ta-1", on=date(2026, 3, 13))) == []
    [late] = decider.given(applied, FlagApplicationOverdue(application_id="ta-1", on=date(2026, 3, 16)))
    assert isinstance(late, TalentDecisionOverdue)
    assert (late.deadline, late.flagged_on, late.enterprise_id, late.applied_on) == (
        date(2026, 3, 13), date(2026, 3, 16), "ent-1", date(2026, 3, 2),
    )  # fmt: skip
    again = FlagApplicationOverdue(application_id="ta-1", on=date(2026, 3, 17))
    assert decider.given([*applied, late], again) == []
    assert decider.given(approved(), again) == []  # decided: nothing to flag
    decide_late = ApproveApplication(application_id="ta-1", decided_on=date(2026, 3, 17))
    decision = decider.given([*applied, late], decide_late)
    assert isinstance(decision[0], ApplicationApproved) and not decision[0].within_promise
