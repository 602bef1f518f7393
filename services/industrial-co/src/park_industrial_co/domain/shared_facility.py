"""Public resources shared by both parks (公共资源共享): an exhibition hall, a testing laboratory,
a training centre, a warehouse, each with a capacity (units: seats, benches, bays) and opening
hours. Enterprises of either park book time slots on it; a booking that would take more units
than the facility has at some moment is refused naming the booking it collides with. The fee
is the facility's fee item at the fee schedule's rate in force on the booking's day (given on the
booking; the application finds it), or, without one, the rate it was registered with (which is
that schedule's rate on the registration day); cancelling late costs part of it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "LATE_CANCELLATION",
    "BookFacility",
    "Booking",
    "BookingCancelled",
    "BookingFee",
    "CancelBooking",
    "FacilityBooked",
    "FacilityCommand",
    "FacilityEvent",
    "FacilityKind",
    "FacilityRegistered",
    "FacilityState",
    "OpeningHours",
    "RegisterFacility",
    "decider",
]

FacilityKind = Literal["exhibition_hall", "testing_laboratory", "training_centre", "warehouse"]
LATE_CANCELLATION = timedelta(hours=24)
"""Cancelled with less than this left before the start, half the fee is kept."""
CENT = Decimal("0.01")


class OpeningHours(BaseModel):
    """Open on the given ISO weekdays (1 = Monday) from `opens` to `closes`, the same day."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    weekdays: tuple[int, ...] = Field(min_length=1)
    opens: time
    closes: time

    @model_validator(mode="after")
    def _sane(self) -> OpeningHours:
        if any(d < 1 or d > 7 for d in self.weekdays):
            raise ValueError("weekdays are 1 (Monday) to 7 (Sunday)")
        if self.closes <= self.opens:
            raise ValueError("a facility closes after it opens, the same day")
        return self

    def admits(self, start: datetime, end: datetime) -> bool:
        return (
            start.date() == end.date()
            and start.isoweekday() in self.weekdays
            and self.opens <= start.time()
            and end.time() <= self.closes
        )


class BookingFee(BaseModel):
    """The fee item of the fee schedule in force on the booking's day: per hour per unit.
    `schedule_version` 0: the rate the facility was registered with, no schedule's."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fee_code: str
    schedule_version: int
    per_unit_hour: Decimal = Field(ge=0)


# -- commands ------------------------------------------------------------------------------
class RegisterFacility(Command):
    facility_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")
    kind: FacilityKind
    name: str = Field(min_length=1)
    capacity: int = Field(ge=1)
    hours: OpeningHours
    fee_code: str
    per_unit_hour: Decimal = Field(ge=0)
    """The facility's own rate for its fee item, per hour per unit, until bookings are priced
    from the fee schedule in force."""
    registered_on: date


class BookFacility(Command):
    facility_id: str
    booking_id: str
    enterprise_id: str
    park_id: str
    units: int = Field(ge=1)
    start: datetime
    end: datetime
    fee: BookingFee | None = None
    """The fee item's rate on the booking's day; None: the rate the facility was registered with."""
    booked_at: datetime

    @model_validator(mode="after")
    def _ordered(self) -> BookFacility:
        if self.end <= self.start:
            raise ValueError("a booking ends after it starts")
        return self


class CancelBooking(Command):
    facility_id: str
    booking_id: str
    enterprise_id: str
    cancelled_at: datetime


FacilityCommand = RegisterFacility | BookFacility | CancelBooking


# -- events --------------------------------------------------------------------------------
class FacilityRegistered(Event):
    facility_id: str
    kind: FacilityKind
    name: str
    capacity: int
    hours: OpeningHours
    fee_code: str
    per_unit_hour: Decimal
    registered_on: date


class FacilityBooked(Event):
    facility_id: str
    booking_id: str
    enterprise_id: str
    park_id: str
    units: int
    start: datetime
    end: datetime
    fee_code: str
    schedule_version: int
    fee: Decimal
    booked_at: datetime


class BookingCancelled(Event):
    facility_id: str
    booking_id: str
    enterprise_id: str
    cancelled_at: datetime
    fee_kept: Decimal
    """Cancelled late (less than LATE_CANCELLATION before the start): half the fee; else 0."""


FacilityEvent = FacilityRegistered | FacilityBooked | BookingCancelled


# -- state ---------------------------------------------------------------------------------
class Booking(BaseModel):
    model_config = ConfigDict(frozen=True)

    booking_id: str
    enterprise_id: str
    units: int
    start: datetime
    end: datetime
    fee: Decimal

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


class FacilityState(BaseModel):
    model_config = ConfigDict(frozen=True)

    facility_id: str = ""
    capacity: int = 0
    hours: OpeningHours | None = None
    fee_code: str = ""
    per_unit_hour: Decimal = Decimal("0")
    bookings: dict[str, Booking] = Field(default_factory=dict)
    """Live bookings (cancelled ones leave)."""
    cancelled: frozenset[str] = frozenset()


def _peak(bookings: Sequence[Booking], start: datetime, end: datetime) -> int:
    """The most units the bookings take at one moment within [start, end)."""
    moments = sorted({start, *(b.start for b in bookings if start <= b.start < end)})
    return max(sum(b.units for b in bookings if b.start <= m < b.end) for m in moments)


def _book(c: BookFacility, s: FacilityState) -> list[FacilityEvent]:
    if s.hours is None:
        raise NotFound(f"there is no facility {c.facility_id}", facility_id=c.facility_id)
    if c.booking_id in s.bookings or c.booking_id in s.cancelled:
        raise Conflict(f"booking {c.booking_id} exists already", booking_id=c.booking_id)
    if c.units > s.capacity:
        raise Invalid(f"the facility has {s.capacity} units, not {c.units}", field="units")
    if not s.hours.admits(c.start, c.end):
        h = s.hours
        raise Invalid(
            f"the facility is open on weekdays {list(h.weekdays)} from {h.opens:%H:%M} to {h.closes:%H:%M}",
            field="start",
        )
    if c.start < c.booked_at:
        raise Invalid("a booking starts after it is made", field="start")
    rate = c.fee or BookingFee(fee_code=s.fee_code, schedule_version=0, per_unit_hour=s.per_unit_hour)
    if rate.fee_code != s.fee_code:
        raise Invalid(f"the facility's fee item is {s.fee_code}, not {rate.fee_code}", field="fee")
    overlapping = sorted(
        (b for b in s.bookings.values() if b.overlaps(c.start, c.end)), key=lambda b: (b.start, b.booking_id)
    )
    if overlapping and _peak(overlapping, c.start, c.end) + c.units > s.capacity:
        first = overlapping[0]
        raise Conflict(
            f"booking {first.booking_id} ({first.start:%Y-%m-%d %H:%M}–{first.end:%H:%M}) leaves fewer "
            f"than {c.units} of {s.capacity} units free",
            conflicting_booking_id=first.booking_id,
        )
    hours = Decimal((c.end - c.start).total_seconds()) / Decimal(3600)
    fee = (rate.per_unit_hour * hours * c.units).quantize(CENT, rounding=ROUND_HALF_UP)
    return [
        FacilityBooked(
            facility_id=s.facility_id,
            booking_id=c.booking_id,
            enterprise_id=c.enterprise_id,
            park_id=c.park_id,
            units=c.units,
            start=c.start,
            end=c.end,
            fee_code=rate.fee_code,
            schedule_version=rate.schedule_version,
            fee=fee,
            booked_at=c.booked_at,
        )
    ]


def _cancel(c: CancelBooking, s: FacilityState) -> list[FacilityEvent]:
    if c.booking_id in s.cancelled:
        raise Conflict(f"booking {c.booking_id} is cancelled already", booking_id=c.booking_id)
    booking = s.bookings.get(c.booking_id)
    if booking is None:
        raise NotFound(f"facility {s.facility_id} has no booking {c.booking_id}", booking_id=c.booking_id)
    if booking.enterprise_id != c.enterprise_id:
        raise Invalid(f"booking {c.booking_id} is not {c.enterprise_id}'s", field="enterprise_id")
    if c.cancelled_at >= booking.start:
        raise Conflict(f"booking {c.booking_id} has started: it can no longer be cancelled")
    late = booking.start - c.cancelled_at < LATE_CANCELLATION
    kept = (booking.fee / 2).quantize(CENT, rounding=ROUND_HALF_UP) if late else Decimal("0.00")
    return [
        BookingCancelled(
            facility_id=s.facility_id,
            booking_id=c.booking_id,
            enterprise_id=c.enterprise_id,
            cancelled_at=c.cancelled_at,
            fee_kept=kept,
        )
    ]


def decide(command: FacilityCommand, state: FacilityState) -> Sequence[FacilityEvent]:
    match command:
        case RegisterFacility():
            if state.hours is not None:
                raise Conflict(f"facility {command.facility_id} exists already")
            return [
                FacilityRegistered(
                    facility_id=command.facility_id,
                    kind=command.kind,
                    name=command.name,
                    capacity=command.capacity,
                    hours=command.hours,
                    fee_code=command.fee_code,
                    per_unit_hour=command.per_unit_hour,
                    registered_on=command.registered_on,
                )
            ]
        case BookFacility():
            return _book(command, state)
        case CancelBooking():
            return _cancel(command, state)


def evolve(state: FacilityState, event: FacilityEvent) -> FacilityState:
    match event:
        case FacilityRegistered():
            return FacilityState(
                facility_id=event.facility_id,
                capacity=event.capacity,
                hours=event.hours,
                fee_code=event.fee_code,
                per_unit_hour=event.per_unit_hour,
            )
        case FacilityBooked():
            booking = Booking(
                booking_id=event.booking_id,
                enterprise_id=event.enterprise_id,
                units=event.units,
                start=event.start,
                end=event.end,
                fee=event.fee,
            )
            return state.model_copy(update={"bookings": {**state.bookings, event.booking_id: booking}})
        case BookingCancelled():
            bookings = {k: b for k, b in state.bookings.items() if k != event.booking_id}
            return state.model_copy(
                update={"bookings": bookings, "cancelled": state.cancelled | {event.booking_id}}
            )


decider: Decider[FacilityCommand, FacilityState, FacilityEvent] = Decider(
    initial_state=FacilityState(), decide=decide, evolve=evolve
)
