"""Given/when/then for the offering: window, bounds, admitted types, payment, withdrawal,
closing with pro-rata allotment, cancellation with refunds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from park_industrial_co.domain import offering as o
from park_shared.errors import Conflict, DomainError, Invalid, NotFound

D = Decimal
OPENS, CLOSES = date(2026, 3, 1), date(2026, 3, 31)
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def drafted(**terms: object) -> o.OfferingDrafted:
    data: dict[str, object] = {
        "offering_id": "off-1",
        "title": "Zone shares 2026",
        "target_amount": D("100000.00"),
        "unit_price": D("10.00"),
        "min_subscription": D("1000.00"),
        "max_subscription": D("50000.00"),
        "opens_on": OPENS,
        "closes_on": CLOSES,
        "admitted_investor_types": ("sme", "individual"),
        "drafted_on": date(2026, 2, 20),
    }
    return o.OfferingDrafted.model_validate({**data, **terms})


def opened() -> o.OfferingOpened:
    d = drafted()
    return o.OfferingOpened(
        offering_id=d.offering_id,
        title=d.title,
        target_amount=d.target_amount,
        unit_price=d.unit_price,
        opens_on=d.opens_on,
        closes_on=d.closes_on,
    )


def placed(sid: str, amount: str, investor: str | None = None, minutes: int = 0) -> o.SubscriptionPlaced:
    return o.SubscriptionPlaced(
        offering_id="off-1",
        subscription_id=sid,
        investor_id=investor or f"inv-{sid}",
        investor_type="sme",
        amount=D(amount),
        shares=int(D(amount) / 10),
        placed_at=T0 + timedelta(minutes=minutes),
    )


def paid(sid: str, amount: str) -> o.SubscriptionPaid:
    return o.SubscriptionPaid(offering_id="off-1", subscription_id=sid, investor_type="sme", amount=D(amount))


def subscribe(
    amount: str, investor: str = "inv-x", kind: o.InvestorType = "sme", on: date = OPENS
) -> o.PlaceSubscription:
    return o.PlaceSubscription(
        subscription_id="sub-new", investor_id=investor, investor_type=kind, amount=D(amount), on=on, at=T0
    )


def refused(
    error: type[DomainError], given: list[o.OfferingEvent], command: o.OfferingCommand
) -> DomainError:
    with pytest.raises(error) as caught:
        o.decider.given(given, command)
    return caught.value


def test_drafting_records_the_terms() -> None:
    terms = o.Terms(
        title="Zone shares 2026",
        target_amount=D("100000.00"),
        unit_price=D("10.00"),
        min_subscription=D("1000.00"),
        max_subscription=D("50000.00"),
        opens_on=OPENS,
        closes_on=CLOSES,
        admitted_investor_types=("sme", "individual"),
    )
    command = o.DraftOffering(offering_id="off-1", terms=terms, on=date(2026, 2, 20))
    assert o.decider.given([], command) == [drafted()]


@pytest.mark.parametrize(
    ("field", "terms"),
    [
        ("target_amount", {"target_amount": D("100005.00")}),
        ("max_subscription", {"max_subscription": D("500.00")}),
        ("max_subscription", {"max_subscription": D("200000.00")}),
        ("closes_on", {"closes_on": date(2026, 2, 1)}),
        ("admitted_investor_types", {"admitted_investor_types": ()}),
        ("unit_price", {"unit_price": D("0.00")}),
        ("title", {"title": "  "}),
    ],
)
def test_drafting_refuses_inconsistent_terms(field: str, terms: dict[str, object]) -> None:
    base = drafted().model_dump(exclude={"offering_id", "drafted_on"})
    command = o.DraftOffering(
        offering_id="off-1", terms=o.Terms.model_validate({**base, **terms}), on=date(2026, 2, 20)
    )
    assert refused(Invalid, [], command).field == field


def test_opening_publishes_the_offering_and_twice_is_refused() -> None:
    assert o.decider.given([drafted()], o.OpenOffering(on=OPENS)) == [opened()]
    assert "open" in refused(Conflict, [drafted(), opened()], o.OpenOffering(on=OPENS)).detail


def test_a_subscription_in_whole_shares_within_the_bounds_is_placed() -> None:
    [event] = o.decider.given([drafted(), opened()], subscribe("1230.00"))
    assert isinstance(event, o.SubscriptionPlaced)
    assert (event.shares, event.amount, event.investor_id) == (123, D("1230.00"), "inv-x")


@pytest.mark.parametrize(
    ("amount", "why"),
    [
        ("990.00", "below the minimum"),
        ("50010.00", "above the maximum"),
        ("1005.00", "whole number of shares"),
    ],
)
def test_a_subscription_out_of_bounds_or_in_part_shares_names_the_amount(amount: str, why: str) -> None:
    error = refused(Invalid, [drafted(), opened()], subscribe(amount))
    assert error.field == "amount" and why in error.detail


def test_an_investor_type_not_admitted_names_the_type() -> None:
    error = refused(Invalid, [drafted(), opened()], subscribe("1000.00", kind="institution"))
    assert error.field == "investor.type"


@pytest.mark.parametrize("day", [date(2026, 2, 28), date(2026, 4, 1)])
def test_subscribing_outside_the_window_is_a_conflict(day: date) -> None:
    error = refused(Conflict, [drafted(), opened()], subscribe("1000.00", on=day))
    assert "2026-03-01 to 2026-03-31" in error.detail


def test_subscribing_to_a_drafted_or_missing_offering_is_refused() -> None:
    assert "drafted" in refused(Conflict, [drafted()], subscribe("1000.00")).detail
    refused(NotFound, [], subscribe("1000.00"))


def test_one_active_subscription_per_investor_but_again_after_withdrawal() -> None:
    history: list[o.OfferingEvent] = [drafted(), opened(), placed("s1", "1000.00", "inv-x")]
    assert "s1" in refused(Conflict, history, subscribe("1000.00", "inv-x")).detail
    withdrawn = o.SubscriptionWithdrawn(
        offering_id="off-1", subscription_id="s1", amount=D(1000), withdrawn_on=OPENS
    )
    assert len(o.decider.given([*history, withdrawn], subscribe("1000.00", "inv-x"))) == 1


def test_payment_is_confirmed_once() -> None:
    history: list[o.OfferingEvent] = [drafted(), opened(), placed("s1", "1000.00")]
    assert o.decider.given(history, o.ConfirmPayment(subscription_id="s1", on=OPENS)) == [
        paid("s1", "1000.00")
    ]
    assert (
        "paid"
        in refused(
            Conflict, [*history, paid("s1", "1000.00")], o.ConfirmPayment(subscription_id="s1", on=OPENS)
        ).detail
    )
    refused(NotFound, history, o.ConfirmPayment(subscription_id="s9", on=OPENS))


def test_only_an_unpaid_subscription_can_be_withdrawn() -> None:
    history: list[o.OfferingEvent] = [drafted(), opened(), placed("s1", "1000.00")]
    [event] = o.decider.given(history, o.WithdrawSubscription(subscription_id="s1", on=OPENS))
    assert isinstance(event, o.SubscriptionWithdrawn) and event.amount == D("1000.00")
    error = refused(
        Conflict, [*history, paid("s1", "1000.00")], o.WithdrawSubscription(subscription_id="s1", on=OPENS)
    )
    assert "only an unpaid one" in error.detail


def test_closing_before_the_window_ends_or_twice_is_a_conflict() -> None:
    assert (
        "runs until 2026-03-31" in refused(Conflict, [drafted(), opened()], o.CloseOffering(on=CLOSES)).detail
    )
    closed = o.decider.given([drafted(), opened()], o.CloseOffering(on=date(2026, 4, 1)))
    error = refused(Conflict, [drafted(), opened(), *closed], o.CloseOffering(on=date(2026, 4, 2)))
    assert "closed" in error.detail


def test_closing_undersubscribed_allots_everything_paid_and_lapses_the_unpaid() -> None:
    history = [drafted(), opened(), placed("s1", "2000.00"), placed("s2", "3000.00"), paid("s1", "2000.00")]
    events = o.decider.given(history, o.CloseOffering(on=date(2026, 4, 1)))
    lapsed, allotted, closed = events
    assert isinstance(lapsed, o.SubscriptionLapsed) and lapsed.subscription_id == "s2"
    assert isinstance(allotted, o.SharesAllotted) and (allotted.shares, allotted.refund_due) == (
        200,
        D("0.00"),
    )
    assert isinstance(closed, o.OfferingClosed)
    assert (closed.raised_amount, closed.shares_issued, closed.holders) == (D("2000.00"), 200, 1)


def test_closing_oversubscribed_allots_pro_rata_with_the_remainder_to_the_earliest() -> None:
    # target 10000 shares; three paid asks of 5000 shares each: quotas 3333.33 each,
    # the one share left goes to the earliest placement (equal remainders).
    history: list[o.OfferingEvent] = [drafted(), opened()]
    for i, sid in enumerate(["s3", "s1", "s2"]):
        history += [placed(sid, "50000.00", minutes=i), paid(sid, "50000.00")]
    events = o.decider.given(history, o.CloseOffering(on=date(2026, 4, 1)))
    shares = {e.subscription_id: e.shares for e in events if isinstance(e, o.SharesAllotted)}
    refunds = {e.subscription_id: e.refund_due for e in events if isinstance(e, o.SharesAllotted)}
    assert shares == {"s3": 3334, "s1": 3333, "s2": 3333}
    assert refunds == {"s3": D("16660.00"), "s1": D("16670.00"), "s2": D("16670.00")}
    closed = events[-1]
    assert isinstance(closed, o.OfferingClosed)
    assert (closed.shares_issued, closed.raised_amount, closed.holders) == (10000, D("100000.00"), 3)


def test_cancelling_refunds_every_paid_subscription_and_lapses_the_rest() -> None:
    history = [drafted(), opened(), placed("s1", "2000.00"), placed("s2", "3000.00"), paid("s1", "2000.00")]
    events = o.decider.given(history, o.CancelOffering(reason="the zone plan changed", on=OPENS))
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["SubscriptionLapsed", "SubscriptionCancelled", "OfferingCancelled"]
    cancelled = events[1]
    assert isinstance(cancelled, o.SubscriptionCancelled) and cancelled.refund_due == D("2000.00")
    state = o.decider.fold([*history, *events])
    assert state.status == "cancelled"
    assert (
        "cancelled"
        in refused(Conflict, [*history, *events], o.CancelOffering(reason="again", on=OPENS)).detail
    )


def test_a_refund_is_paid_once_and_only_when_due() -> None:
    history: list[o.OfferingEvent] = [drafted(), opened(), placed("s1", "2000.00"), paid("s1", "2000.00")]
    assert (
        "no refund is due" in refused(Conflict, history, o.PayRefund(subscription_id="s1", on=OPENS)).detail
    )
    history += o.decider.given(history, o.CancelOffering(reason="plan changed", on=OPENS))
    [refund] = o.decider.given(history, o.PayRefund(subscription_id="s1", on=OPENS))
    assert isinstance(refund, o.RefundPaid) and refund.amount == D("2000.00")
    assert (
        "already" in refused(Conflict, [*history, refund], o.PayRefund(subscription_id="s1", on=OPENS)).detail
    )
