"""The offering's detailed rules: terms, subscriptions, closing with allotment. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from park_shared.errors import Conflict, Invalid

from park_industrial_co.domain.allotment import Request, allot
from park_industrial_co.domain.money import money, whole_shares
from park_industrial_co.domain.offering.commands import CloseOffering, PlaceSubscription, Terms
from park_industrial_co.domain.offering.events import (
    OfferingClosed,
    OfferingEvent,
    SharesAllotted,
    SubscriptionCancelled,
    SubscriptionLapsed,
    SubscriptionPlaced,
)
from park_industrial_co.domain.offering.state import OfferingState, Subscription

__all__ = ["check_terms", "close", "place", "require_status", "require_text", "settle_cancelled"]


def require_text(value: str, field: str) -> None:
    if not value.strip():
        raise Invalid(f"{field} must not be blank", field=field)


def require_status(state: OfferingState, status: str, verb: str) -> None:
    if state.status != status:
        raise Conflict(f"the offering is {state.status}; only a {status} offering can be {verb}")


def check_terms(c: Terms, on: date) -> None:
    require_text(c.title, "title")
    if c.unit_price <= 0:
        raise Invalid("the unit price must be above zero", field="unit_price")
    if not whole_shares(c.target_amount, c.unit_price):
        raise Invalid(
            f"the target must be a whole number (≥1) of shares of {c.unit_price}", field="target_amount"
        )
    if c.min_subscription <= 0:
        raise Invalid("the minimum subscription must be above zero", field="min_subscription")
    if c.max_subscription < c.min_subscription:
        raise Invalid("the maximum subscription is below the minimum", field="max_subscription")
    if c.max_subscription > c.target_amount:
        raise Invalid("the maximum subscription is above the target amount", field="max_subscription")
    if c.closes_on < c.opens_on:
        raise Invalid("the window closes before it opens", field="closes_on")
    if c.closes_on < on:
        raise Invalid(f"the window would close in the past ({c.closes_on})", field="closes_on")
    if not c.admitted_investor_types:
        raise Invalid("admit at least one investor type", field="admitted_investor_types")


def _check_amount(c: PlaceSubscription, terms: Terms) -> int:
    if c.investor_type not in terms.admitted_investor_types:
        admitted = ", ".join(terms.admitted_investor_types)
        raise Invalid(
            f"investor type {c.investor_type} is not admitted (only {admitted})", field="investor.type"
        )
    shares = whole_shares(c.amount, terms.unit_price)
    if not shares:
        raise Invalid(f"the amount must be a whole number of shares of {terms.unit_price}", field="amount")
    if c.amount < terms.min_subscription:
        raise Invalid(
            f"the amount is below the minimum subscription {terms.min_subscription}", field="amount"
        )
    if c.amount > terms.max_subscription:
        raise Invalid(
            f"the amount is above the maximum subscription {terms.max_subscription}", field="amount"
        )
    return shares


def place(c: PlaceSubscription, state: OfferingState, terms: Terms) -> SubscriptionPlaced:
    shares = _check_amount(c, terms)
    require_status(state, "open", "subscribed")
    if not terms.opens_on <= c.on <= terms.closes_on:
        raise Conflict(
            f"subscriptions are accepted from {terms.opens_on} to {terms.closes_on}, not on {c.on}"
        )
    if c.subscription_id in state.subscriptions:
        raise Conflict(f"subscription {c.subscription_id} exists already")
    for sub in state.subscriptions.values():
        if sub.investor_id == c.investor_id and sub.active:
            raise Conflict(f"this investor already holds subscription {sub.subscription_id} in this offering")
    return SubscriptionPlaced(
        offering_id=state.offering_id,
        subscription_id=c.subscription_id,
        investor_id=c.investor_id,
        investor_type=c.investor_type,
        amount=c.amount,
        shares=shares,
        placed_at=c.at,
    )


def _lapse(state: OfferingState, on: date) -> list[OfferingEvent]:
    return [
        SubscriptionLapsed(
            offering_id=state.offering_id, subscription_id=s.subscription_id, amount=s.amount, lapsed_on=on
        )
        for s in state.subscriptions.values()
        if s.status == "placed"
    ]


def _paid(state: OfferingState) -> list[Subscription]:
    return [s for s in state.subscriptions.values() if s.status == "paid"]


def close(c: CloseOffering, state: OfferingState, terms: Terms) -> Sequence[OfferingEvent]:
    require_status(state, "open", "closed")
    if c.on <= terms.closes_on:
        raise Conflict(f"the subscription window runs until {terms.closes_on}; close it after that day")
    paid = _paid(state)
    shares = allot(terms.target_shares, [Request(s.subscription_id, s.placed_at, s.shares) for s in paid])
    allotted = [_allotted(state, s, shares[s.subscription_id], terms) for s in paid]
    issued = sum(a.shares for a in allotted)
    closed = OfferingClosed(
        offering_id=state.offering_id,
        title=terms.title,
        target_amount=terms.target_amount,
        raised_amount=money(issued * terms.unit_price),
        shares_issued=issued,
        holders=len({a.investor_id for a in allotted if a.shares > 0}),
        closed_on=c.on,
    )
    return [*_lapse(state, c.on), *allotted, closed]


def _allotted(state: OfferingState, sub: Subscription, shares: int, terms: Terms) -> SharesAllotted:
    amount = money(shares * terms.unit_price)
    return SharesAllotted(
        offering_id=state.offering_id,
        subscription_id=sub.subscription_id,
        investor_id=sub.investor_id,
        investor_type=sub.investor_type,
        shares=shares,
        amount=amount,
        refund_due=money(sub.amount - amount),
    )


def settle_cancelled(state: OfferingState, on: date) -> list[OfferingEvent]:
    refunds: list[OfferingEvent] = [
        SubscriptionCancelled(
            offering_id=state.offering_id, subscription_id=s.subscription_id, refund_due=s.amount
        )
        for s in _paid(state)
    ]
    return [*_lapse(state, on), *refunds]
