"""What ic.manager and ic.finance ask of an offering. Dates and times come in on the command."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from park_shared.command import Command
from pydantic import BaseModel, ConfigDict

from park_industrial_co.domain.offering.events import InvestorType

__all__ = [
    "CancelOffering",
    "CloseOffering",
    "ConfirmPayment",
    "DraftOffering",
    "OfferingCommand",
    "OnSubscription",
    "OpenOffering",
    "PayRefund",
    "PlaceSubscription",
    "SubscriptionCommand",
    "Terms",
    "WithdrawSubscription",
]


class Terms(BaseModel):
    """An offering's terms, as drafted: the target, the price of a share, the bounds of one
    subscription, the window and who may subscribe."""

    model_config = ConfigDict(frozen=True)

    title: str
    target_amount: Decimal
    unit_price: Decimal
    min_subscription: Decimal
    max_subscription: Decimal
    opens_on: date
    closes_on: date
    admitted_investor_types: tuple[InvestorType, ...]

    @property
    def target_shares(self) -> int:
        return int(self.target_amount // self.unit_price)


class DraftOffering(Command):
    offering_id: str
    terms: Terms
    on: date


class OpenOffering(Command):
    on: date


class PlaceSubscription(Command):
    subscription_id: str
    investor_id: str
    investor_type: InvestorType
    amount: Decimal
    on: date
    at: datetime


class OnSubscription(Command):
    """What is asked of one subscription of the offering, on a day."""

    subscription_id: str
    on: date


class ConfirmPayment(OnSubscription):
    """The money of a placed subscription arrived."""


class WithdrawSubscription(OnSubscription):
    """An unpaid subscription taken back."""


class PayRefund(OnSubscription):
    """The refund due on a subscription paid back."""


class CloseOffering(Command):
    on: date


class CancelOffering(Command):
    reason: str
    on: date


SubscriptionCommand = ConfirmPayment | WithdrawSubscription | PayRefund

OfferingCommand = (
    DraftOffering | OpenOffering | PlaceSubscription | SubscriptionCommand | CloseOffering | CancelOffering
)
