"""Supervision cases (and, at query time, their counts by unit and by step)."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_headquarters.domain.supervision import (
    SupervisionCaseAssigned,
    SupervisionCaseClosed,
    SupervisionCaseOpened,
)

__all__ = ["SupervisionProjection"]

COLLECTION = "supervision_cases"


class SupervisionProjection:
    name: str = "supervision"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, SupervisionCaseOpened):
            doc = {
                **event.model_dump(mode="json"),
                "status": "open",
                "assignee": None,
                "assigned_on": None,
                "findings": None,
                "closed_on": None,
            }
            view.put(COLLECTION, event.supervision_id, doc)
            return
        if not isinstance(event, SupervisionCaseAssigned | SupervisionCaseClosed):
            return
        found = await view.get(COLLECTION, event.supervision_id)
        if found is None:
            return
        status = "assigned" if isinstance(event, SupervisionCaseAssigned) else "closed"
        changes = event.model_dump(mode="json", exclude={"supervision_id"})
        view.put(COLLECTION, event.supervision_id, {**found, **changes, "status": status})
