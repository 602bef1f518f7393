"""Properties of closing: the allotment never exceeds the target, gives each subscriber at
most what they paid for, refunds exactly the rest, and does not depend on arrival order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from park_industrial_co.domain import offering as o
from park_industrial_co.domain.allotment import Request, allot

OPENS, CLOSES = date(2026, 3, 1), date(2026, 3, 31)
T0 = datetime(2026, 3, 1, tzinfo=UTC)

prices = st.sampled_from(
    [Decimal("1.00"), Decimal("2.50"), Decimal("10.00"), Decimal("0.35"), Decimal("99.99")]
)
asks = st.lists(st.tuples(st.integers(1, 400), st.integers(0, 5)), min_size=0, max_size=25)


def history(price: Decimal, target_shares: int, paid: list[tuple[int, int]]) -> list[o.OfferingEvent]:
    events: list[o.OfferingEvent] = [
        o.OfferingDrafted(
            offering_id="off-p",
            title="t",
            target_amount=price * target_shares,
            unit_price=price,
            min_subscription=price,
            max_subscription=price * target_shares,
            opens_on=OPENS,
            closes_on=CLOSES,
            admitted_investor_types=("sme",),
            drafted_on=OPENS,
        ),
        o.OfferingOpened(
            offering_id="off-p",
            title="t",
            target_amount=price * target_shares,
            unit_price=price,
            opens_on=OPENS,
            closes_on=CLOSES,
        ),
    ]
    for i, (shares, minute) in enumerate(paid):
        sid, amount = f"sub-{i:03d}", price * shares
        events.append(
            o.SubscriptionPlaced(
                offering_id="off-p",
                subscription_id=sid,
                investor_id=f"inv-{i}",
                investor_type="sme",
                amount=amount,
                shares=shares,
                placed_at=T0 + timedelta(minutes=minute),
            )
        )
        events.append(
            o.SubscriptionPaid(offering_id="off-p", subscription_id=sid, investor_type="sme", amount=amount)
        )
    return events


def close(events: list[o.OfferingEvent]) -> list[o.SharesAllotted]:
    result = o.decider.given(events, o.CloseOffering(on=date(2026, 4, 1)))
    return [e for e in result if isinstance(e, o.SharesAllotted)]


@settings(max_examples=150, deadline=None)
@given(price=prices, target_shares=st.integers(1, 2000), paid=asks)
def test_closing_never_exceeds_the_target_and_refunds_exactly_the_rest(
    price: Decimal, target_shares: int, paid: list[tuple[int, int]]
) -> None:
    allotted = close(history(price, target_shares, paid))
    asked = {f"sub-{i:03d}": shares for i, (shares, _) in enumerate(paid)}
    issued = sum(a.shares for a in allotted)
    assert issued <= target_shares
    assert issued == min(target_shares, sum(asked.values()))  # pro rata fills the target exactly
    assert {a.subscription_id for a in allotted} == set(asked)
    for a in allotted:
        paid_amount = price * asked[a.subscription_id]
        assert 0 <= a.shares <= asked[a.subscription_id]
        assert a.amount == a.shares * price
        assert a.refund_due >= 0 and a.amount + a.refund_due == paid_amount


@settings(max_examples=100, deadline=None)
@given(price=prices, target_shares=st.integers(1, 2000), paid=asks, data=st.data())
def test_the_allotment_does_not_depend_on_the_order_events_arrived_in(
    price: Decimal, target_shares: int, paid: list[tuple[int, int]], data: st.DataObject
) -> None:
    events = history(price, target_shares, paid)
    head, subs = events[:2], events[2:]
    pairs = [subs[i : i + 2] for i in range(0, len(subs), 2)]
    shuffled = data.draw(st.permutations(pairs))
    again = [*head, *(e for pair in shuffled for e in pair)]
    by_id = {a.subscription_id: a for a in close(events)}
    assert {a.subscription_id: a for a in close(again)} == by_id


@settings(max_examples=200, deadline=None)
@given(target=st.integers(0, 10_000), shares=st.lists(st.integers(1, 5000), max_size=30))
def test_largest_remainder_stays_within_one_share_of_the_exact_quota(target: int, shares: list[int]) -> None:
    requests = [Request(f"s{i}", T0, n) for i, n in enumerate(shares)]
    result = allot(target, requests)
    total = sum(shares)
    for r in requests:
        exact = r.shares * min(target, total) / total if total else 0
        assert 0 <= result[r.subscription_id] <= r.shares
        assert abs(result[r.subscription_id] - exact) < 1
