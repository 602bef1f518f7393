"""The dashboard's reading of industrial-co's events (实业总公司)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from park_shared.events import ForeignEvent
from pydantic import BaseModel

PRODUCER = "industrial-co"


class OfferingOpened(ForeignEvent):
    offering_id: str
    title: str
    target_amount: Decimal
    closes_on: date


class SubscriptionPaid(ForeignEvent):
    offering_id: str
    subscription_id: str
    amount: Decimal


class OfferingClosed(ForeignEvent):
    offering_id: str
    title: str
    target_amount: Decimal
    raised_amount: Decimal
    holders: int
    closed_on: date


class ProjectMilestoneReached(ForeignEvent):
    project_id: str
    milestone: str
    progress_percent: int
    on: date


class InfrastructureCompleted(ForeignEvent):
    project_id: str
    kind: str
    parcel_ids: list[str]
    completed_on: date


class ProjectPlanned(ForeignEvent):
    """Not in the contract table, but on the topic: the project's name and kind when present."""

    project_id: str
    name: str
    kind: str


class OpeningHours(BaseModel):
    weekdays: list[int]
    """ISO weekdays, 1 = Monday."""
    opens: time
    closes: time


class FacilityRegistered(ForeignEvent):
    """A facility both parks share (exhibition hall, testing laboratory, ...)."""

    facility_id: str
    kind: str
    name: str
    capacity: int
    hours: OpeningHours


class FacilityBooked(ForeignEvent):
    facility_id: str
    booking_id: str
    enterprise_id: str
    park_id: str
    units: int
    start: datetime
    end: datetime
    fee: Decimal


class BookingCancelled(ForeignEvent):
    facility_id: str
    booking_id: str
    fee_kept: Decimal


MODELS: tuple[type[ForeignEvent], ...] = (
    OfferingOpened,
    SubscriptionPaid,
    OfferingClosed,
    ProjectMilestoneReached,
    InfrastructureCompleted,
    ProjectPlanned,
    FacilityRegistered,
    FacilityBooked,
    BookingCancelled,
)
