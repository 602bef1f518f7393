"""The offering's rules: `decide(command, state) -> events`. Pure; refusals raise."""

from __future__ import annotations

from collections.abc import Sequence

from park_shared.errors import Conflict, NotFound

from park_industrial_co.domain.offering import rules
from park_industrial_co.domain.offering.commands import (
    CancelOffering,
    CloseOffering,
    ConfirmPayment,
    DraftOffering,
    OfferingCommand,
    OpenOffering,
    PayRefund,
    PlaceSubscription,
    WithdrawSubscription,
)
from park_industrial_co.domain.offering.events import (
    OfferingCancelled,
    OfferingDrafted,
    OfferingEvent,
    OfferingOpened,
    RefundPaid,
    SubscriptionPaid,
    SubscriptionWithdrawn,
)
from park_industrial_co.domain.offering.state import OfferingState, Subscription, Terms

__all__ = ["decide"]


def decide(command: OfferingCommand, state: OfferingState) -> Sequence[OfferingEvent]:
    if isinstance(command, DraftOffering):
        return _draft(command, state)
    terms = _terms(state)
    match command:
        case OpenOffering():
            return _open(command, state, terms)
        case PlaceSubscription():
            return [rules.place(command, state, terms)]
        case ConfirmPayment():
            return _confirm(command, state)
        case WithdrawSubscription():
            return _withdraw(command, state)
        case CloseOffering():
            return rules.close(command, state, terms)
        case CancelOffering():
            return _cancel(command, state)
        case PayRefund():
            return _refund(command, state)


def _terms(state: OfferingState) -> Terms:
    if state.terms is None:
        raise NotFound("there is no such offering")
    return state.terms


def _draft(command: DraftOffering, state: OfferingState) -> Sequence[OfferingEvent]:
    if state.status != "none":
        raise Conflict(f"offering {state.offering_id} exists already")
    rules.check_terms(command)
    data = {k: getattr(command, k) for k in command.__dataclass_fields__ if k != "on"}
    return [OfferingDrafted(**data, drafted_on=command.on)]


def _open(command: OpenOffering, state: OfferingState, terms: Terms) -> Sequence[OfferingEvent]:
    rules.require_status(state, "drafted", "opened")
    if command.on > terms.closes_on:
        raise Conflict(f"the subscription window ended on {terms.closes_on}; it can't be opened now")
    return [
        OfferingOpened(
            offering_id=state.offering_id,
            title=terms.title,
            target_amount=terms.target_amount,
            unit_price=terms.unit_price,
            opens_on=terms.opens_on,
            closes_on=terms.closes_on,
        )
    ]


def _subscription(state: OfferingState, subscription_id: str) -> Subscription:
    sub = state.subscriptions.get(subscription_id)
    if sub is None:
        raise NotFound(f"offering {state.offering_id} has no subscription {subscription_id}")
    return sub


def _confirm(command: ConfirmPayment, state: OfferingState) -> Sequence[OfferingEvent]:
    sub = _subscription(state, command.subscription_id)
    rules.require_status(state, "open", "paid into")
    if sub.status != "placed":
        raise Conflict(f"subscription {sub.subscription_id} is {sub.status}; only a placed one can be paid")
    return [
        SubscriptionPaid(
            offering_id=state.offering_id,
            subscription_id=sub.subscription_id,
            investor_type=sub.investor_type,
            amount=sub.amount,
        )
    ]


def _withdraw(command: WithdrawSubscription, state: OfferingState) -> Sequence[OfferingEvent]:
    sub = _subscription(state, command.subscription_id)
    rules.require_status(state, "open", "changed")
    if sub.status == "paid":
        raise Conflict(f"subscription {sub.subscription_id} is paid; only an unpaid one can be withdrawn")
    if sub.status != "placed":
        raise Conflict(f"subscription {sub.subscription_id} is {sub.status} already")
    return [
        SubscriptionWithdrawn(
            offering_id=state.offering_id,
            subscription_id=sub.subscription_id,
            amount=sub.amount,
            withdrawn_on=command.on,
        )
    ]


def _cancel(command: CancelOffering, state: OfferingState) -> Sequence[OfferingEvent]:
    if state.status not in ("drafted", "open"):
        raise Conflict(f"the offering is {state.status}; only a drafted or open one can be cancelled")
    rules.require_text(command.reason, "reason")
    settled = rules.settle_cancelled(state, command.on)
    return [
        *settled,
        OfferingCancelled(offering_id=state.offering_id, reason=command.reason, cancelled_on=command.on),
    ]


def _refund(command: PayRefund, state: OfferingState) -> Sequence[OfferingEvent]:
    sub = _subscription(state, command.subscription_id)
    if sub.refunded:
        raise Conflict(f"the refund of subscription {sub.subscription_id} was paid already")
    if sub.refund_due <= 0:
        raise Conflict(f"no refund is due on subscription {sub.subscription_id} ({sub.status})")
    return [
        RefundPaid(
            offering_id=state.offering_id,
            subscription_id=sub.subscription_id,
            amount=sub.refund_due,
            paid_on=command.on,
        )
    ]
