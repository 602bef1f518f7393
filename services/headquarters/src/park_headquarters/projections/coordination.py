"""Coordination matters with their meetings and resolutions."""

from __future__ import annotations

from typing import Any

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_headquarters.domain.coordination import (
    CoordinationMatterClosed,
    CoordinationMatterOpened,
    CoordinationMeetingHeld,
    CoordinationResolutionAdopted,
)

__all__ = ["CoordinationProjection"]

COLLECTION = "coordination_matters"


def _changes(event: BaseModel, doc: dict[str, Any]) -> dict[str, Any]:
    data = event.model_dump(mode="json", exclude={"matter_id"})
    if isinstance(event, CoordinationMeetingHeld):
        return {"meetings": [*doc["meetings"], data]}
    if isinstance(event, CoordinationResolutionAdopted):
        return {"resolutions": [*doc["resolutions"], data]}
    return {"status": "closed", **data}


class CoordinationProjection:
    name: str = "coordination"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, CoordinationMatterOpened):
            doc: dict[str, Any] = {
                **event.model_dump(mode="json"),
                "status": "open",
                "meetings": [],
                "resolutions": [],
                "outcome": None,
                "closed_on": None,
            }
            view.put(COLLECTION, event.matter_id, doc)
            return
        later = CoordinationMeetingHeld | CoordinationResolutionAdopted | CoordinationMatterClosed
        if not isinstance(event, later):
            return
        found = await view.get(COLLECTION, event.matter_id)
        if found is not None:
            view.put(COLLECTION, event.matter_id, {**found, **_changes(event, found)})
