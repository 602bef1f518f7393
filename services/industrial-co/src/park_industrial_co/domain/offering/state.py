"""The offering's state and `evolve`, which never raises."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from park_industrial_co.domain.money import ZERO
from park_industrial_co.domain.offering import events
from park_industrial_co.domain.offering.commands import Terms

__all__ = ["OfferingState", "Subscription", "evolve", "initial_state"]

OfferingStatus = Literal["none", "drafted", "open", "closed", "cancelled"]
SubscriptionStatus = Literal["placed", "paid", "withdrawn", "lapsed", "allotted", "cancelled"]


class Subscription(BaseModel):
    model_config = ConfigDict(frozen=True)

    subscription_id: str
    investor_id: str
    investor_type: events.InvestorType
    amount: Decimal
    shares: int
    placed_at: datetime
    status: SubscriptionStatus = "placed"
    allotted_shares: int = 0
    refund_due: Decimal = ZERO
    refunded: bool = False

    @property
    def active(self) -> bool:
        return self.status in ("placed", "paid")


class OfferingState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: OfferingStatus = "none"
    offering_id: str = ""
    terms: Terms | None = None
    subscriptions: dict[str, Subscription] = {}


initial_state = OfferingState()


def _with(state: OfferingState, subscription_id: str, **changes: object) -> OfferingState:
    current = state.subscriptions.get(subscription_id)
    if current is None:
        return state
    updated = current.model_copy(update=changes)
    return state.model_copy(update={"subscriptions": {**state.subscriptions, subscription_id: updated}})


def evolve(state: OfferingState, event: events.OfferingEvent) -> OfferingState:
    match event:
        case events.OfferingDrafted():
            terms = Terms.model_validate(event, from_attributes=True)
            return OfferingState(status="drafted", offering_id=event.offering_id, terms=terms)
        case events.OfferingOpened():
            return state.model_copy(update={"status": "open"})
        case events.SubscriptionPlaced():
            sub = Subscription.model_validate(event, from_attributes=True)
            subs = {**state.subscriptions, event.subscription_id: sub}
            return state.model_copy(update={"subscriptions": subs})
        case events.SubscriptionPaid():
            return _with(state, event.subscription_id, status="paid")
        case events.SubscriptionWithdrawn():
            return _with(state, event.subscription_id, status="withdrawn")
        case events.SubscriptionLapsed():
            return _with(state, event.subscription_id, status="lapsed")
        case events.SharesAllotted():
            changes = {"allotted_shares": event.shares, "refund_due": event.refund_due}
            return _with(state, event.subscription_id, status="allotted", **changes)
        case events.SubscriptionCancelled():
            return _with(state, event.subscription_id, status="cancelled", refund_due=event.refund_due)
        case events.RefundPaid():
            return _with(state, event.subscription_id, refunded=True)
        case events.OfferingClosed():
            return state.model_copy(update={"status": "closed"})
        case events.OfferingCancelled():
            return state.model_copy(update={"status": "cancelled"})
    return state
