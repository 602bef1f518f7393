"""Parks and parcels as lists."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc

from park_headquarters.domain.parcel import ParcelAllocated, ParcelRegistered, ParcelReleased, ParcelServiced
from park_headquarters.domain.park import ParkRegistered, ParkRenamed
from park_headquarters.projections.documents import OneDocument

__all__ = ["parcels", "parks"]

PARCEL = {"parcel_id", "park_id", "code", "planned_use", "area_m2"}
"""What a parcel's registration says and its later events repeat."""


def _renamed(event: ParkRenamed, doc: Doc, record: RecordedEvent) -> Doc:
    return {"name": event.name}


def parks() -> OneDocument:
    return OneDocument(
        "parks",
        collection="parks",
        key="park_id",
        opened_by=ParkRegistered,
        later=(ParkRenamed,),
        changes=_renamed,
    )


def _parcel_changes(
    event: ParcelServiced | ParcelAllocated | ParcelReleased, doc: Doc, record: RecordedEvent
) -> Doc:
    if isinstance(event, ParcelReleased):
        return {"status": "serviced", "case_id": None, "allocated_on": None}
    status = "serviced" if isinstance(event, ParcelServiced) else "allocated"
    return {**event.model_dump(mode="json", exclude=PARCEL), "status": status}


def parcels() -> OneDocument:
    return OneDocument(
        "parcels",
        collection="parcels",
        key="parcel_id",
        opened_by=ParcelRegistered,
        blank={
            "status": "planned",
            "serviced_on": None,
            "by_project_id": None,
            "case_id": None,
            "allocated_on": None,
        },
        later=(ParcelServiced, ParcelAllocated, ParcelReleased),
        changes=_parcel_changes,
    )
