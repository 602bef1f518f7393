"""The offering's events. OfferingOpened, SubscriptionPaid and OfferingClosed are the public
contract (docs/events.md); the others stay in the service's store. No event carries a name or
an identity number: an investor is the pseudonymous `investor_id`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from park_shared.events import Event

__all__ = [
    "InvestorType",
    "OfferingCancelled",
    "OfferingClosed",
    "OfferingDrafted",
    "OfferingEvent",
    "OfferingOpened",
    "RefundPaid",
    "SharesAllotted",
    "SubscriptionCancelled",
    "SubscriptionLapsed",
    "SubscriptionPaid",
    "SubscriptionPlaced",
    "SubscriptionWithdrawn",
]

InvestorType = Literal["sme", "individual", "institution"]


class OfferingDrafted(Event):
    offering_id: str
    title: str
    target_amount: Decimal
    unit_price: Decimal
    min_subscription: Decimal
    max_subscription: Decimal
    opens_on: date
    closes_on: date
    admitted_investor_types: tuple[InvestorType, ...]
    drafted_on: date


class OfferingOpened(Event):
    offering_id: str
    title: str
    target_amount: Decimal
    unit_price: Decimal
    opens_on: date
    closes_on: date


class SubscriptionPlaced(Event):
    offering_id: str
    subscription_id: str
    investor_id: str
    investor_type: InvestorType
    amount: Decimal
    shares: int
    placed_at: datetime


class SubscriptionPaid(Event):
    offering_id: str
    subscription_id: str
    investor_type: InvestorType
    amount: Decimal


class SubscriptionWithdrawn(Event):
    offering_id: str
    subscription_id: str
    amount: Decimal
    withdrawn_on: date


class SubscriptionLapsed(Event):
    """Unpaid when the offering closed or was cancelled: no money to return."""

    offering_id: str
    subscription_id: str
    amount: Decimal
    lapsed_on: date


class SharesAllotted(Event):
    """A paid subscription at closing: `shares` issued for `amount`, `refund_due` to return."""

    offering_id: str
    subscription_id: str
    investor_id: str
    investor_type: InvestorType
    shares: int
    amount: Decimal
    refund_due: Decimal


class OfferingClosed(Event):
    offering_id: str
    title: str
    target_amount: Decimal
    raised_amount: Decimal
    shares_issued: int
    holders: int
    closed_on: date


class SubscriptionCancelled(Event):
    """A paid subscription of a cancelled offering: all of it is to be refunded."""

    offering_id: str
    subscription_id: str
    refund_due: Decimal


class OfferingCancelled(Event):
    offering_id: str
    reason: str
    cancelled_on: date


class RefundPaid(Event):
    offering_id: str
    subscription_id: str
    amount: Decimal
    paid_on: date


OfferingEvent = (
    OfferingDrafted
    | OfferingOpened
    | SubscriptionPlaced
    | SubscriptionPaid
    | SubscriptionWithdrawn
    | SubscriptionLapsed
    | SharesAllotted
    | OfferingClosed
    | SubscriptionCancelled
    | OfferingCancelled
    | RefundPaid
)
