"""The live feed: the latest events read from the four topics (type, source, subject, time),
counts by source, and the messages that could not be read (dead letters)."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_dashboard.domain.observed import EventObserved, MessageRejected

__all__ = ["DEAD_LETTERS", "FEED", "FeedProjection"]

FEED = "feed"
DEAD_LETTERS = "dead_letters"


class FeedProjection:
    name: str = "dashboard-feed"
    collections: tuple[str, ...] = (FEED, DEAD_LETTERS)

    def __init__(self, size: int) -> None:
        self.size = size

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, EventObserved):
            await self._observed(event, record, view)
        elif isinstance(event, MessageRejected):
            view.put(DEAD_LETTERS, event.key, {"position": record.position, **event.model_dump(mode="json")})
            stats = await view.get(FEED, "stats") or {"by_service": {}, "total": 0, "rejected": 0}
            view.put(FEED, "stats", {**stats, "rejected": stats["rejected"] + 1})

    async def _observed(self, event: EventObserved, record: RecordedEvent, view: ProjectionView) -> None:
        name = event.type.split(".", 2)[-1] if event.type.startswith("park.") else event.type
        item = {
            "id": event.id,
            "type": event.type,
            "name": name,
            "service": event.service,
            "subject": event.subject,
            "time": event.time,
            "position": record.position,
        }
        latest = await view.get(FEED, "latest") or {"items": []}
        view.put(FEED, "latest", {"items": [item, *latest["items"]][: self.size]})
        stats = await view.get(FEED, "stats") or {"by_service": {}, "total": 0, "rejected": 0}
        by_service = {**stats["by_service"], event.service: stats["by_service"].get(event.service, 0) + 1}
        view.put(FEED, "stats", {**stats, "by_service": by_service, "total": stats["total"] + 1})
