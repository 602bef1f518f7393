"""Duplicates prevented, per platform and park: codes refused at registration, and
possible duplicates an officer merged."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_investment.domain.lead_events import DuplicateLeadRefused, PossibleDuplicateResolved

__all__ = ["COLLECTION", "DuplicateCountsProjection"]

COLLECTION = "duplicate_counts"


class DuplicateCountsProjection:
    name: str = "duplicate-counts"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, DuplicateLeadRefused):
            await self._add(view, event.platform, event.park_id, "refused")
        elif isinstance(event, PossibleDuplicateResolved) and event.resolution == "merged":
            await self._add(view, event.platform, event.park_id, "merged")

    @staticmethod
    async def _add(view: ProjectionView, platform: str, park_id: str, kind: str) -> None:
        key = f"{platform}:{park_id}"
        empty: Doc = {"platform": platform, "park_id": park_id, "refused": 0, "merged": 0}
        doc = await view.get(COLLECTION, key) or empty
        view.put(COLLECTION, key, {**doc, kind: doc[kind] + 1})
