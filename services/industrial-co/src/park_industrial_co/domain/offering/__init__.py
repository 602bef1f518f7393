"""The share offering (股份募集) aggregate: drafted → open → closed (or cancelled), with its
subscriptions, payment confirmation, pro-rata allotment at closing and refunds."""

from __future__ import annotations

from park_shared.decider import Decider

from park_industrial_co.domain.offering.commands import (
    CancelOffering,
    CloseOffering,
    ConfirmPayment,
    DraftOffering,
    OfferingCommand,
    OnSubscription,
    OpenOffering,
    PayRefund,
    PlaceSubscription,
    SubscriptionCommand,
    Terms,
    WithdrawSubscription,
)
from park_industrial_co.domain.offering.decide import decide
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
from park_industrial_co.domain.offering.state import OfferingState, Subscription, evolve, initial_state

__all__ = [
    "CancelOffering",
    "CloseOffering",
    "ConfirmPayment",
    "DraftOffering",
    "InvestorType",
    "OfferingCancelled",
    "OfferingClosed",
    "OfferingCommand",
    "OfferingDrafted",
    "OfferingEvent",
    "OfferingOpened",
    "OfferingState",
    "OnSubscription",
    "OpenOffering",
    "PayRefund",
    "PlaceSubscription",
    "RefundPaid",
    "SharesAllotted",
    "Subscription",
    "SubscriptionCancelled",
    "SubscriptionCommand",
    "SubscriptionLapsed",
    "SubscriptionPaid",
    "SubscriptionPlaced",
    "SubscriptionWithdrawn",
    "Terms",
    "WithdrawSubscription",
    "decider",
]

decider: Decider[OfferingCommand, OfferingState, OfferingEvent] = Decider(initial_state, decide, evolve)
