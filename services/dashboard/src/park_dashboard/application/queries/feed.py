"""The live feed and the parks' names."""

from __future__ import annotations

from park_shared.projections.port import ReadModelStore

from park_dashboard.application.views import DeadLetter, FeedPanel
from park_dashboard.projections.administration import PARKS
from park_dashboard.projections.feed import DEAD_LETTERS, FEED

__all__ = ["dead_letters", "feed_panel", "parks"]


async def feed_panel(models: ReadModelStore) -> FeedPanel:
    latest = await models.get(FEED, "latest") or {"items": []}
    stats = await models.get(FEED, "stats") or {"by_service": {}, "total": 0, "rejected": 0}
    return FeedPanel(
        items=latest["items"],
        total=stats["total"],
        by_service=stats["by_service"],
        rejected=stats["rejected"],
    )


async def parks(models: ReadModelStore) -> dict[str, str]:
    return {d["park_id"]: d["name"] for d in await models.find(PARKS)}


async def dead_letters(models: ReadModelStore) -> list[DeadLetter]:
    docs = await models.find(DEAD_LETTERS)
    return [DeadLetter.model_validate(d) for d in sorted(docs, key=lambda d: -int(d["position"]))]
