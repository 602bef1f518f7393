"""Parks and parcels as lists."""

from __future__ import annotations

import copy

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_headquarters.domain.parcel import (
    ParcelAllocated,
    ParcelRegistered,
    ParcelReleased,
    ParcelRequisitioned,
    ParcelServiced,
    ParcelToRequisition,
    ParcelUnnamed,
)
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


BLANK: dict[str, object] = {
    "planned_use": None,
    "area_m2": None,
    "serviced_on": None,
    "by_project_id": None,
    "case_id": None,
    "allocated_on": None,
    "requisition_case_id": None,
    "title_reference": None,
    "named_on": None,
    "requisitioned_on": None,
}
"""A parcel's document before each stage fills its part."""


def _parcel_changes(event: BaseModel) -> Doc:
    match event:
        case ParcelToRequisition():
            named = {"requisition_case_id": event.case_id, "named_on": str(event.named_on)}
            return {"status": "to_requisition", **named}
        case ParcelRequisitioned():
            return {
                "status": "requisitioned",
                "requisition_case_id": event.case_id,
                "title_reference": event.title_reference,
                "requisitioned_on": str(event.requisitioned_on),
            }
        case ParcelRegistered():
            return {"status": "planned", "planned_use": event.planned_use, "area_m2": event.area_m2}
        case ParcelReleased():
            return {"status": "serviced", "case_id": None, "allocated_on": None}
        case ParcelServiced():
            return {**event.model_dump(mode="json", exclude=PARCEL), "status": "serviced"}
        case ParcelAllocated():
            return {**event.model_dump(mode="json", exclude=PARCEL), "status": "allocated"}
    return {}


class Parcels:
    """One document per parcel from its first event (named by a case, recorded as held, or, in
    a store older than requisitions, planned), each stage merged in."""

    name = "parcels"
    collections: tuple[str, ...] = ("parcels",)
    events = (
        ParcelToRequisition,
        ParcelRequisitioned,
        ParcelRegistered,
        ParcelServiced,
        ParcelAllocated,
        ParcelReleased,
    )

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, ParcelUnnamed):
            view.delete("parcels", event.parcel_id)  # unknown to the zone again
            return
        if not isinstance(event, self.events):
            return
        parcel_id = event.parcel_id
        found = await view.get("parcels", parcel_id)
        if found is None:
            if not isinstance(event, ParcelToRequisition | ParcelRequisitioned | ParcelRegistered):
                return
            found = {**event.model_dump(mode="json", include=PARCEL), **copy.deepcopy(BLANK)}
        view.put("parcels", parcel_id, {**found, **_parcel_changes(event)})


def parcels() -> Parcels:
    return Parcels()
