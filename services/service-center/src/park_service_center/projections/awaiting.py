"""The cases of signed leads waiting for HQ's procedure catalogue: one document per case, from
its CaseAwaitingCatalogue until its CaseOpened. The catalogue scheduler's work list."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_service_center.domain.case_events import CaseAwaitingCatalogue, CaseOpened
from park_service_center.projections.names import AWAITING_CATALOGUE

__all__ = ["AwaitingCatalogueProjection"]


class AwaitingCatalogueProjection:
    name: str = "sc-awaiting-catalogue"
    collections: tuple[str, ...] = (AWAITING_CATALOGUE,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, CaseAwaitingCatalogue):
            meta = record.meta
            doc = {
                "request": event.model_dump(mode="json"),
                "correlation_id": meta.correlation_id,
                "causation_id": meta.event_id,
            }
            view.put(AWAITING_CATALOGUE, event.case_id, doc)
        elif isinstance(event, CaseOpened) and await view.get(AWAITING_CATALOGUE, event.case_id):
            view.delete(AWAITING_CATALOGUE, event.case_id)
