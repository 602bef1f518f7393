"""Regulations with all their versions: the regulation's own state, as its decider folds it."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_headquarters.domain import regulation

__all__ = ["COLLECTION", "RegulationsProjection"]

COLLECTION = "regulations"
REGULATION_EVENTS = (
    regulation.RegulationDrafted,
    regulation.RegulationAmendmentDrafted,
    regulation.RegulationPublished,
    regulation.RegulationRepealed,
)


class RegulationsProjection:
    name: str = "regulations"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if not isinstance(event, REGULATION_EVENTS):
            return
        doc = await view.get(COLLECTION, event.regulation_id)
        state = (
            regulation.RegulationState() if doc is None else regulation.RegulationState.model_validate(doc)
        )
        state = regulation.evolve(state, event)
        view.put(
            COLLECTION,
            event.regulation_id,
            {**state.model_dump(mode="json"), "published": state.last_published is not None},
        )
