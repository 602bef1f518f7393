"""A requisition case's events. Collectives are counts of households, never their names."""

from __future__ import annotations

from datetime import date

from park_shared.events import Event

from park_headquarters.domain.land_requisition.values import Collective, LandClass, Mu, Yuan

__all__ = [
    "AgreementSigned",
    "CompensationPaid",
    "IssueClosed",
    "IssueRaised",
    "RequisitionCompleted",
    "RequisitionEvent",
    "RequisitionOpened",
    "ResettlementNoted",
]


class RequisitionOpened(Event):
    case_id: str
    parcel_ids: tuple[str, ...]
    collectives: tuple[Collective, ...]
    opened_on: date
    time_limits: dict[str, int] | None = None
    """Working days promised per stage (absent in cases opened before stages had limits)."""


class AgreementSigned(Event):
    case_id: str
    collective_id: str
    parcel_ids: tuple[str, ...]
    areas: dict[LandClass, Mu]
    amount: Yuan
    minimum: Yuan
    standard_policy_id: str
    standard_version: int
    signed_on: date


class CompensationPaid(Event):
    case_id: str
    collective_id: str
    amount: Yuan
    payment_id: str
    paid_on: date


class ResettlementNoted(Event):
    case_id: str
    collective_id: str
    households_resettled: int
    note: str
    noted_on: date


class IssueRaised(Event):
    case_id: str
    issue_id: str
    description: str
    raised_on: date


class IssueClosed(Event):
    case_id: str
    issue_id: str
    resolution: str
    closed_on: date


class RequisitionCompleted(Event):
    case_id: str
    parcel_ids: tuple[str, ...]
    completed_on: date


RequisitionEvent = (
    RequisitionOpened
    | AgreementSigned
    | CompensationPaid
    | ResettlementNoted
    | IssueRaised
    | IssueClosed
    | RequisitionCompleted
)
