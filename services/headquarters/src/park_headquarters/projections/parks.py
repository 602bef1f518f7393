"""Parks and parcels as lists."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_headquarters.domain.parcel import ParcelAllocated, ParcelRegistered, ParcelReleased, ParcelServiced
from park_headquarters.domain.park import ParkRegistered, ParkRenamed

__all__ = ["ParcelsProjection", "ParksProjection"]


class ParksProjection:
    name: str = "parks"
    collections: tuple[str, ...] = ("parks",)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, ParkRegistered):
            view.put("parks", event.park_id, event.model_dump(mode="json"))
        elif isinstance(event, ParkRenamed):
            view.put("parks", event.park_id, {"park_id": event.park_id, "name": event.name})


class ParcelsProjection:
    name: str = "parcels"
    collections: tuple[str, ...] = ("parcels",)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, ParcelRegistered):
            doc = {
                **event.model_dump(mode="json"),
                "status": "planned",
                "serviced_on": None,
                "by_project_id": None,
                "case_id": None,
                "allocated_on": None,
            }
            view.put("parcels", event.parcel_id, doc)
            return
        if isinstance(event, ParcelReleased):
            found = await view.get("parcels", event.parcel_id)
            if found is not None:
                view.put(
                    "parcels",
                    event.parcel_id,
                    {**found, "status": "serviced", "case_id": None, "allocated_on": None},
                )
            return
        if not isinstance(event, ParcelServiced | ParcelAllocated):
            return
        found = await view.get("parcels", event.parcel_id)
        if found is None:
            return
        status = "serviced" if isinstance(event, ParcelServiced) else "allocated"
        changes = event.model_dump(
            mode="json", exclude={"parcel_id", "park_id", "code", "planned_use", "area_m2"}
        )
        view.put("parcels", event.parcel_id, {**found, **changes, "status": status})
