"""Coordination matters with their meetings and resolutions."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc
from pydantic import BaseModel

from park_headquarters.domain.coordination import (
    CoordinationMatterClosed,
    CoordinationMatterOpened,
    CoordinationMeetingHeld,
    CoordinationResolutionAdopted,
)
from park_headquarters.projections.documents import OneDocument

__all__ = ["coordination"]

COLLECTION = "coordination_matters"


def _changes(event: BaseModel, doc: Doc, record: RecordedEvent) -> Doc:
    data = event.model_dump(mode="json", exclude={"matter_id"})
    if isinstance(event, CoordinationMeetingHeld):
        return {"meetings": [*doc["meetings"], data]}
    if isinstance(event, CoordinationResolutionAdopted):
        return {"resolutions": [*doc["resolutions"], data]}
    return {"status": "closed", **data}


def coordination() -> OneDocument:
    return OneDocument(
        "coordination",
        collection=COLLECTION,
        key="matter_id",
        opened_by=CoordinationMatterOpened,
        blank={"status": "open", "meetings": [], "resolutions": [], "outcome": None, "closed_on": None},
        later=(CoordinationMeetingHeld, CoordinationResolutionAdopted, CoordinationMatterClosed),
        changes=_changes,
    )
