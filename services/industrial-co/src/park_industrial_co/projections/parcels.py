"""The parcels headquarters has registered (the local copy projects choose from)."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_industrial_co.domain.parcel import ParcelRecorded
from park_industrial_co.domain.project import InfrastructureCompleted
from park_industrial_co.projections._json import plain

__all__ = ["PARCELS", "ParcelsProjection"]

PARCELS = "parcels"


class ParcelsProjection:
    name: str = "parcels"
    collections: tuple[str, ...] = (PARCELS,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, ParcelRecorded):
            current = await view.get(PARCELS, event.parcel_id) or {"served_by": []}
            view.put(PARCELS, event.parcel_id, plain(event, served_by=current["served_by"]))
        elif isinstance(event, InfrastructureCompleted):
            for parcel_id in event.parcel_ids:
                doc = await view.get(PARCELS, parcel_id)
                if doc is not None:
                    served = [*doc["served_by"], {"project_id": event.project_id, "kind": event.kind}]
                    view.put(PARCELS, parcel_id, {**doc, "served_by": served})
