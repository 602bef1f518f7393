"""The composition root: builds the runtime from settings. Tests use it too.

The dashboard reads the four topics and never writes to any (`publishes=False`: no topic of
its own, no outbox relay); what it reads is recorded in its own store, read models follow."""

from __future__ import annotations

from park_shared.runtime import Runtime

from park_dashboard.application.changes import Changes
from park_dashboard.application.reader import FeedReader
from park_dashboard.domain import readings
from park_dashboard.events import DEPARTMENT, SERVICE, registry
from park_dashboard.projections.administration import AdministrationProjection
from park_dashboard.projections.feed import FeedProjection
from park_dashboard.projections.investment import InvestmentProjection
from park_dashboard.projections.market import MarketProjection
from park_dashboard.projections.service import ServiceProjection
from park_dashboard.settings import DashboardSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: DashboardSettings | None = None) -> Runtime:
    settings = settings or DashboardSettings()
    readings.load()
    runtime = Runtime(SERVICE, DEPARTMENT, settings, registry, publishes=False)
    for projection in (
        FeedProjection(settings.feed_size),
        InvestmentProjection(),
        ServiceProjection(),
        AdministrationProjection(),
        MarketProjection(),
    ):
        runtime.add_projection(projection)
    changes = Changes()
    reader = FeedReader(runtime, changes)
    runtime.state["changes"] = changes
    runtime.state["reader"] = reader
    runtime.add_worker("feed", reader.run, needs_bus=True)
    runtime.add_reader_status(reader.status)
    return runtime
