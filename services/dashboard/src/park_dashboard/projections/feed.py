"""The live feed: the latest events read from the four topics (type, source, subject and its
name, time on the zone's clock), counts by source, and the messages that could not be read
(dead letters)."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_dashboard.domain.observed import EventObserved, MessageRejected

__all__ = ["DEAD_LETTERS", "FEED", "NAMES", "FeedProjection"]

FEED = "feed"
DEAD_LETTERS = "dead_letters"
NAMES = "feed_names"
NAMED_BY: dict[str, str] = {
    "ParkRegistered": "name",
    "ParkRenamed": "name",
    "PolicyDrafted": "title",
    "PolicyPublished": "title",
    "CaseOpened": "enterprise_name",
    "ApprovalRequested": "enterprise_name",
    "OfferingDrafted": "title",
    "OfferingOpened": "title",
    "ProjectPlanned": "name",
    "LeadRegistered": "company_name",
    "LeadSigned": "company_name",
    "OpportunityPublished": "title",
    "CoordinationMatterOpened": "title",
}
"""The events that name their subject (from the contract), and the field holding the name."""
RELATED = ("case_id", "lead_id", "offering_id", "project_id", "policy_id", "park_id")
"""An unnamed subject's event names it by what it belongs to: an invoice by its case, ..."""


class FeedProjection:
    name: str = "dashboard-feed"
    collections: tuple[str, ...] = (FEED, DEAD_LETTERS, NAMES)

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
            "subject_name": await self._subject_name(event, name.split(".")[0], view),
            "time": event.time,
            "zone_time": event.zone_time,
            "position": record.position,
        }
        latest = await view.get(FEED, "latest") or {"items": []}
        view.put(FEED, "latest", {"items": [item, *latest["items"]][: self.size]})
        stats = await view.get(FEED, "stats") or {"by_service": {}, "total": 0, "rejected": 0}
        by_service = {**stats["by_service"], event.service: stats["by_service"].get(event.service, 0) + 1}
        view.put(FEED, "stats", {**stats, "by_service": by_service, "total": stats["total"] + 1})

    @staticmethod
    async def _subject_name(event: EventObserved, name: str, view: ProjectionView) -> str | None:
        """What the subject is called: the name its own event gave it, else that of what it
        belongs to (an invoice's case, a reward's lead); None when nothing names it."""
        field = NAMED_BY.get(name)
        given = event.data.get(field) if field else None
        if isinstance(given, str) and given:
            view.put(NAMES, event.subject, {"name": given})
            return given
        for key in (event.subject, *(event.data.get(r) for r in RELATED)):
            known = await view.get(NAMES, key) if isinstance(key, str) else None
            if known is not None:
                if key != event.subject:  # a reward named by its lead names the reward's later events
                    view.put(NAMES, event.subject, known)
                return str(known["name"])
        return None
