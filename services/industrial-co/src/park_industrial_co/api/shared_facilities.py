"""/shared-facilities: public resources both parks share (公共资源共享) — an exhibition hall, a
testing laboratory, a training centre, a warehouse. Managers register them with their capacity,
opening hours and fee item (of HQ's fee schedule); enterprises of either park book time slots
(through a manager, charged by the schedule in force on the booking's day) and cancel them; each
facility shows its bookings and its utilisation per park."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter
from park_shared.projections.port import Doc
from pydantic import AwareDatetime, BaseModel, Field, ValidationInfo, field_validator

from park_industrial_co.api.deps import IndustrialCoDep, Manager, Staff
from park_industrial_co.domain.money import money
from park_industrial_co.domain.shared_facility import (
    BookFacility,
    CancelBooking,
    FacilityKind,
    OpeningHours,
    RegisterFacility,
)

__all__ = ["BookingPublic", "FacilityDetail", "FacilitySummary", "router"]

router = APIRouter(prefix="/shared-facilities", tags=["shared facilities"])

Text = Annotated[str, Field(min_length=1, max_length=200)]


class FacilityCreate(BaseModel):
    facility_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$", examples=["testing-lab"])
    kind: FacilityKind
    name: Text
    capacity: int = Field(ge=1, le=10_000, description="units: seats, benches, bays")
    hours: OpeningHours
    fee_code: Text
    """The fee schedule's facility_use item for this kind of facility that bookings are charged
    under (its rate in the schedule in force on each booking's day)."""


def _in_years(value: datetime) -> datetime:
    if not 2000 <= value.year <= 2100:
        raise ValueError("a booking is between the years 2000 and 2100")
    return value


class BookingCreate(BaseModel):
    enterprise_id: Text
    """The booking enterprise (its credit code)."""
    park_id: Text
    """The park the enterprise is in."""
    units: int = Field(ge=1, le=10_000)
    start: AwareDatetime
    end: AwareDatetime

    @field_validator("start")
    @classmethod
    def _start(cls, value: datetime) -> datetime:
        return _in_years(value)

    @field_validator("end")
    @classmethod
    def _end(cls, value: datetime, info: ValidationInfo) -> datetime:
        start = info.data.get("start")
        if isinstance(start, datetime) and value <= start:
            raise ValueError("a booking ends after it starts")
        return _in_years(value)


class BookingCancel(BaseModel):
    enterprise_id: Text


class BookingPublic(BaseModel):
    booking_id: str
    enterprise_id: str
    park_id: str
    units: int
    start: datetime
    end: datetime
    fee_code: str
    schedule_version: int
    """0: charged at the facility's registered rate."""
    fee: Decimal
    booked_at: datetime
    status: Literal["booked", "cancelled"]
    cancelled_at: datetime | None
    fee_kept: Decimal | None
    """Of a cancelled booking: what the facility keeps (half the fee when cancelled late)."""


class ParkUtilisation(BaseModel):
    park_id: str
    bookings: int
    """Live bookings (not cancelled)."""
    unit_hours: Decimal
    """Units × hours of the live bookings."""
    fees: Decimal
    """The live bookings' fees and what cancelled ones kept."""


class FacilitySummary(BaseModel):
    facility_id: str
    kind: FacilityKind
    name: str
    capacity: int
    hours: OpeningHours
    fee_code: str
    per_unit_hour: Decimal
    """The fee item's rate per unit-hour in the fee schedule in force on the registration day;
    each booking is charged the rate in force on its own day."""
    registered_on: date
    utilisation: list[ParkUtilisation]
    version: int


class FacilityDetail(FacilitySummary):
    bookings: list[BookingPublic]


def _utilisation(doc: Doc, parks: tuple[str, ...]) -> list[ParkUtilisation]:
    bookings = [BookingPublic.model_validate(b) for b in doc["bookings"]]
    out = []
    for park_id in parks:
        mine = [b for b in bookings if b.park_id == park_id]
        live = [b for b in mine if b.status == "booked"]
        hours = sum((Decimal((b.end - b.start).total_seconds()) / 3600 * b.units for b in live), Decimal(0))
        fees = sum((b.fee for b in live), Decimal(0)) + sum(
            (b.fee_kept or Decimal(0) for b in mine), Decimal(0)
        )
        out.append(
            ParkUtilisation(park_id=park_id, bookings=len(live), unit_hours=money(hours), fees=money(fees))
        )
    return out


def _summary(doc: Doc, parks: tuple[str, ...]) -> FacilitySummary:
    return FacilitySummary.model_validate({**doc, "utilisation": _utilisation(doc, parks)})


def _detail(doc: Doc, parks: tuple[str, ...]) -> FacilityDetail:
    return FacilityDetail.model_validate({**doc, "utilisation": _utilisation(doc, parks)})


def _booking(doc: Doc, booking_id: str) -> BookingPublic:
    [booking] = [b for b in doc["bookings"] if b["booking_id"] == booking_id]
    return BookingPublic.model_validate(booking)


@router.post("", status_code=201, summary="Register a facility both parks share (ic.manager)")
async def register(body: FacilityCreate, ic: IndustrialCoDep, who: Manager) -> FacilityDetail:
    command = RegisterFacility(registered_on=ic.today(), per_unit_hour=0, **body.model_dump())
    await ic.register_facility(command, who.context())
    return _detail(await ic.facility_doc(body.facility_id), ic.settings.park_parks)


@router.get("", summary="The shared facilities, with their utilisation per park")
async def list_facilities(ic: IndustrialCoDep, _: Staff) -> list[FacilitySummary]:
    return [_summary(doc, ic.settings.park_parks) for doc in await ic.facility_docs()]


@router.get("/{facility_id}", summary="A shared facility with its bookings and its utilisation per park")
async def get_facility(facility_id: str, ic: IndustrialCoDep, _: Staff) -> FacilityDetail:
    return _detail(await ic.facility_doc(facility_id), ic.settings.park_parks)


@router.post(
    "/{facility_id}/bookings",
    status_code=201,
    summary="Book a time slot for an enterprise of either park (409 naming an overlapping booking)",
)
async def book(facility_id: str, body: BookingCreate, ic: IndustrialCoDep, who: Manager) -> BookingPublic:
    zone = ic.runtime.zone
    booking_id = ic.new_id("bkg")
    command = BookFacility(
        facility_id=facility_id,
        booking_id=booking_id,
        enterprise_id=body.enterprise_id,
        park_id=body.park_id,
        units=body.units,
        start=body.start.astimezone(zone),
        end=body.end.astimezone(zone),
        booked_at=ic.now(),
    )
    await ic.book_facility(command, who.context())
    return _booking(await ic.facility_doc(facility_id), booking_id)


@router.post(
    "/{facility_id}/bookings/{booking_id}/cancel",
    summary="Cancel a booking before it starts (late: half the fee is kept)",
)
async def cancel(
    facility_id: str, booking_id: str, body: BookingCancel, ic: IndustrialCoDep, who: Manager
) -> BookingPublic:
    command = CancelBooking(
        facility_id=facility_id,
        booking_id=booking_id,
        enterprise_id=body.enterprise_id,
        cancelled_at=ic.now(),
    )
    await ic.shared_facilities.handle(facility_id, command, who.context())
    return _booking(await ic.facility_doc(facility_id), booking_id)
