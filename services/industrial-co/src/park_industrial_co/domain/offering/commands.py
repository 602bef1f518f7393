"""What ic.manager and ic.finance ask of an offering. Dates and times come in on the command."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from park_industrial_co.domain.offering.events import InvestorType

__all__ = [
    "CancelOffering",
    "CloseOffering",
    "ConfirmPayment",
    "DraftOffering",
    "OfferingCommand",
    "OpenOffering",
    "PayRefund",
    "PlaceSubscription",
    "WithdrawSubscription",
]


@dataclass(frozen=True, slots=True)
class DraftOffering:
    offering_id: str
    title: str
    target_amount: Decimal
    unit_price: Decimal
    min_subscription: Decimal
    max_subscription: Decimal
    opens_on: date
    closes_on: date
    admitted_investor_types: tuple[InvestorType, ...]
    on: date


@dataclass(frozen=True, slots=True)
class OpenOffering:
    on: date


@dataclass(frozen=True, slots=True)
class PlaceSubscription:
    subscription_id: str
    investor_id: str
    investor_type: InvestorType
    amount: Decimal
    on: date
    at: datetime


@dataclass(frozen=True, slots=True)
class ConfirmPayment:
    subscription_id: str
    on: date


@dataclass(frozen=True, slots=True)
class WithdrawSubscription:
    subscription_id: str
    on: date


@dataclass(frozen=True, slots=True)
class CloseOffering:
    on: date


@dataclass(frozen=True, slots=True)
class CancelOffering:
    reason: str
    on: date


@dataclass(frozen=True, slots=True)
class PayRefund:
    subscription_id: str
    on: date


OfferingCommand = (
    DraftOffering
    | OpenOffering
    | PlaceSubscription
    | ConfirmPayment
    | WithdrawSubscription
    | CloseOffering
    | CancelOffering
    | PayRefund
)
