"""The offering's rules: `decide(command, state) -> events`. Pure; refusals raise."""

from __future__ import annotations

from collections.abc import Sequence

from park_shared.errors import Conflict, NotFound

from park_industrial_co.domain.offering import commands, events, rules
from park_industrial_co.domain.offering.state import OfferingState, Subscription

__all__ = ["decide"]


def decide(command: commands.OfferingCommand, state: OfferingState) -> Sequence[events.OfferingEvent]:
    if isinstance(command, commands.DraftOffering):
        return [_draft(command, state)]
    terms = _terms(state)
    match command:
        case commands.OpenOffering():
            return [_open(command, state, terms)]
        case commands.PlaceSubscription():
            return [rules.place(command, state, terms)]
        case commands.ConfirmPayment() | commands.WithdrawSubscription() | commands.PayRefund():
            return [_on_subscription(command, state)]
        case commands.CloseOffering():
            return rules.close(command, state, terms)
        case commands.CancelOffering():
            return _cancel(command, state)


def _terms(state: OfferingState) -> commands.Terms:
    if state.terms is None:
        raise NotFound("there is no such offering")
    return state.terms


def _draft(command: commands.DraftOffering, state: OfferingState) -> events.OfferingDrafted:
    if state.status != "none":
        raise Conflict(f"offering {state.offering_id} exists already")
    terms = command.terms
    rules.check_terms(terms, command.on)
    return events.OfferingDrafted(
        offering_id=command.offering_id,
        title=terms.title,
        target_amount=terms.target_amount,
        unit_price=terms.unit_price,
        min_subscription=terms.min_subscription,
        max_subscription=terms.max_subscription,
        opens_on=terms.opens_on,
        closes_on=terms.closes_on,
        admitted_investor_types=terms.admitted_investor_types,
        drafted_on=command.on,
    )


def _open(
    command: commands.OpenOffering, state: OfferingState, terms: commands.Terms
) -> events.OfferingOpened:
    rules.require_status(state, "drafted", "opened")
    if command.on > terms.closes_on:
        raise Conflict(f"the subscription window ended on {terms.closes_on}; it can't be opened now")
    return events.OfferingOpened(
        offering_id=state.offering_id,
        title=terms.title,
        target_amount=terms.target_amount,
        unit_price=terms.unit_price,
        opens_on=terms.opens_on,
        closes_on=terms.closes_on,
    )


def _subscription(state: OfferingState, command: commands.OnSubscription) -> Subscription:
    sub = state.subscriptions.get(command.subscription_id)
    if sub is None:
        raise NotFound(f"offering {state.offering_id} has no subscription {command.subscription_id}")
    return sub


def _on_subscription(command: commands.SubscriptionCommand, state: OfferingState) -> events.OfferingEvent:
    """Payment, withdrawal or refund of one subscription: checked, then recorded."""
    sub = _subscription(state, command)
    ids = {"offering_id": state.offering_id, "subscription_id": sub.subscription_id}
    match command:
        case commands.ConfirmPayment():
            rules.require_status(state, "open", "paid into")
            if sub.status != "placed":
                raise Conflict(
                    f"subscription {sub.subscription_id} is {sub.status}; only a placed one can be paid"
                )
            return events.SubscriptionPaid(**ids, investor_type=sub.investor_type, amount=sub.amount)
        case commands.WithdrawSubscription():
            rules.require_status(state, "open", "changed")
            if sub.status == "paid":
                raise Conflict(
                    f"subscription {sub.subscription_id} is paid; only an unpaid one can be withdrawn"
                )
            if sub.status != "placed":
                raise Conflict(f"subscription {sub.subscription_id} is {sub.status} already")
            return events.SubscriptionWithdrawn(**ids, amount=sub.amount, withdrawn_on=command.on)
        case commands.PayRefund():
            if sub.refunded:
                raise Conflict(f"the refund of subscription {sub.subscription_id} was paid already")
            if sub.refund_due <= 0:
                raise Conflict(f"no refund is due on subscription {sub.subscription_id} ({sub.status})")
            return events.RefundPaid(**ids, amount=sub.refund_due, paid_on=command.on)


def _cancel(command: commands.CancelOffering, state: OfferingState) -> Sequence[events.OfferingEvent]:
    if state.status not in ("drafted", "open"):
        raise Conflict(f"the offering is {state.status}; only a drafted or open one can be cancelled")
    rules.require_text(command.reason, "reason")
    settled = rules.settle_cancelled(state, command.on)
    return [
        *settled,
        events.OfferingCancelled(
            offering_id=state.offering_id, reason=command.reason, cancelled_on=command.on
        ),
    ]
