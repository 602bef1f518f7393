"""Panels built from the read models at request time (sums, rates and days left need today)."""

from __future__ import annotations

from datetime import date

from park_shared.projections.port import ReadModelStore

from park_dashboard.application.queries.administration import administration_panel
from park_dashboard.application.queries.feed import feed_panel, parks
from park_dashboard.application.queries.investment import investment_panel
from park_dashboard.application.queries.market import market_panel
from park_dashboard.application.queries.public import public_view
from park_dashboard.application.queries.resources import resources_panel
from park_dashboard.application.queries.service import service_panel
from park_dashboard.application.views import Summary

__all__ = [
    "administration_panel",
    "feed_panel",
    "investment_panel",
    "market_panel",
    "parks",
    "public_view",
    "resources_panel",
    "service_panel",
    "summary",
]


async def summary(models: ReadModelStore, today: date) -> Summary:
    return Summary(
        today=today.isoformat(),
        parks=await parks(models),
        investment=await investment_panel(models),
        service=await service_panel(models, today),
        administration=await administration_panel(models, today),
        market=await market_panel(models),
        resources=await resources_panel(models, today),
        feed=await feed_panel(models),
    )
