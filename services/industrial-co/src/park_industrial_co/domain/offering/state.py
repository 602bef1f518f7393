"""The offering's state and `evolve`, which never raises."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from park_industrial_co.domain.money import ZERO
from park_industrial_co.domain.offering.commands import Terms
from park_industrial_co.domain.offering.events import (
    InvestorType,
    OfferingCancelled,
    OfferingClosed,
    OfferingDrafted,
    OfferingEvent,
    OfferingOpened,
    RefundPaid,
    SharesAllotted,
    SubscriptionCancelled,
    SubscriptionLapsed,
    SubscriptionPaid,
    SubscriptionPlaced,
    SubscriptionWithdrawn,
)

__all__ = ["OfferingState", "Subscription", "evolve", "initial_state"]

OfferingStatus = Literal["none", "drafted", "open", "closed", "cancelled"]
SubscriptionStatus = Literal["placed", "paid", "withdrawn", "lapsed", "allotted", "cancelled"]


class Subscription(BaseModel):
    model_config = ConfigDict(frozen=True)

    subscription_id: str
    investor_id: str
    investor_type: InvestorType
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


def evolve(state: OfferingState, event: OfferingEvent) -> OfferingState:
    match event:
        case OfferingDrafted():
            terms = Terms.model_validate(event, from_attributes=True)
            return OfferingState(status="drafted", offering_id=event.offering_id, terms=terms)
        case OfferingOpened():
            return state.model_copy(update={"status": "open"})
        case SubscriptionPlaced():
            sub = Subscription.model_validate(event, from_attributes=True)
            subs = {**state.subscriptions, event.subscription_id: sub}
            return state.model_copy(update={"subscriptions": subs})
        case SubscriptionPaid():
            return _with(state, event.subscription_id, status="paid")
        case SubscriptionWithdrawn():
            return _with(state, event.subscription_id, status="withdrawn")
        case SubscriptionLapsed():
            return _with(state, event.subscription_id, status="lapsed")
        case SharesAllotted():
            changes = {"allotted_shares": event.shares, "refund_due": event.refund_due}
            return _with(state, event.subscription_id, status="allotted", **changes)
        case SubscriptionCancelled():
            return _with(state, event.subscription_id, status="cancelled", refund_due=event.refund_due)
        case RefundPaid():
            return _with(state, event.subscription_id, refunded=True)
        case OfferingClosed():
            return state.model_copy(update={"status": "closed"})
        case OfferingCancelled():
            return state.model_copy(update={"status": "cancelled"})
    return state
