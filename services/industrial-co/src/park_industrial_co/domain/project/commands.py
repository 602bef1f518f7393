"""What ic.manager and ic.finance ask of an infrastructure project."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from park_shared.command import Command

from park_industrial_co.domain.project.events import ProjectKind

__all__ = [
    "AwardContract",
    "CompleteProject",
    "OpenTender",
    "PayContractor",
    "PlanProject",
    "ProjectCommand",
    "ReachMilestone",
    "SubmitBid",
]


class PlanProject(Command):
    project_id: str
    name: str
    kind: ProjectKind
    parcel_ids: tuple[str, ...]
    budget: Decimal
    known_parcel_ids: frozenset[str]
    """Of the parcels asked for, those headquarters has registered (ParcelRegistered)."""
    on: date


class OpenTender(Command):
    bids_until: date
    max_duration_days: int | None
    on: date


class SubmitBid(Command):
    bid_id: str
    contractor: str
    amount: Decimal
    duration_days: int
    on: date
    at: datetime


class AwardContract(Command):
    bid_id: str
    reason: str | None
    on: date


class ReachMilestone(Command):
    milestone: str
    progress_percent: int
    on: date


class PayContractor(Command):
    payment_id: str
    milestone: str
    amount: Decimal
    allocated: Decimal
    """The funds allocated to this project so far (the treasury's; only ever grows)."""
    on: date


class CompleteProject(Command):
    on: date


ProjectCommand = (
    PlanProject | OpenTender | SubmitBid | AwardContract | ReachMilestone | PayContractor | CompleteProject
)
