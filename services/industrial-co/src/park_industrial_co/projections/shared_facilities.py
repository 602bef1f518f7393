"""Shared public resources (公共资源共享): one document per facility, as registered, with every
booking made on it (cancelled ones stay, marked, with the fee kept)."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_industrial_co.domain.shared_facility import BookingCancelled, FacilityBooked, FacilityRegistered
from park_industrial_co.projections._json import plain

__all__ = ["SHARED_FACILITIES", "SharedFacilitiesProjection"]

SHARED_FACILITIES = "shared_facilities"


class SharedFacilitiesProjection:
    name: str = "shared-facilities"
    collections: tuple[str, ...] = (SHARED_FACILITIES,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, FacilityRegistered):
            view.put(SHARED_FACILITIES, event.facility_id, plain(event, bookings=[], version=record.version))
            return
        if not isinstance(event, FacilityBooked | BookingCancelled):
            return
        doc = await view.get(SHARED_FACILITIES, event.facility_id)
        if doc is None:
            return
        if isinstance(event, FacilityBooked):
            booking = plain(event, status="booked", cancelled_at=None, fee_kept=None)
            del booking["facility_id"]
            bookings = [*doc["bookings"], booking]
        else:
            cancelled = {"status": "cancelled", "cancelled_at": plain(event)["cancelled_at"]}
            cancelled["fee_kept"] = str(event.fee_kept)
            bookings = [
                {**b, **cancelled} if b["booking_id"] == event.booking_id else b for b in doc["bookings"]
            ]
        view.put(
            SHARED_FACILITIES, event.facility_id, {**doc, "bookings": bookings, "version": record.version}
        )
