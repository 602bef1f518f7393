"""Oversight of industrial-co's closed share offerings."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_headquarters.domain.offering import OfferingClosureRecorded

__all__ = ["OfferingsProjection"]

COLLECTION = "offerings"


class OfferingsProjection:
    name: str = "offerings"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, OfferingClosureRecorded):
            view.put(COLLECTION, event.offering_id, event.model_dump(mode="json"))
