"""The infrastructure project's events. ProjectMilestoneReached and InfrastructureCompleted are
the public contract (docs/events.md); the others stay in the service's store."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from park_shared.events import Event

__all__ = [
    "BidSubmitted",
    "ContractAwarded",
    "ContractorPaid",
    "InfrastructureCompleted",
    "ProjectEvent",
    "ProjectKind",
    "ProjectMilestoneReached",
    "ProjectPlanned",
    "TenderOpened",
]

ProjectKind = Literal["road", "water_supply", "drainage", "power", "telecom", "sewage"]


class ProjectPlanned(Event):
    project_id: str
    name: str
    kind: ProjectKind
    parcel_ids: tuple[str, ...]
    budget: Decimal
    planned_on: date


class TenderOpened(Event):
    project_id: str
    bids_until: date
    max_duration_days: int | None
    opened_on: date


class BidSubmitted(Event):
    project_id: str
    bid_id: str
    contractor: str
    amount: Decimal
    duration_days: int
    submitted_at: datetime


class ContractAwarded(Event):
    project_id: str
    bid_id: str
    contractor: str
    contract_amount: Decimal
    duration_days: int
    suggested_bid_id: str
    reason: str | None
    awarded_on: date


class ProjectMilestoneReached(Event):
    project_id: str
    milestone: str
    progress_percent: int
    on: date


class ContractorPaid(Event):
    project_id: str
    payment_id: str
    milestone: str
    contractor: str
    amount: Decimal
    paid_on: date


class InfrastructureCompleted(Event):
    project_id: str
    kind: ProjectKind
    parcel_ids: list[str]
    completed_on: date


ProjectEvent = (
    ProjectPlanned
    | TenderOpened
    | BidSubmitted
    | ContractAwarded
    | ProjectMilestoneReached
    | ContractorPaid
    | InfrastructureCompleted
)
