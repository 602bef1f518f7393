"""The composition root: builds the runtime from settings and the dashboard's context on it.
Tests use it too.

The dashboard reads the four topics and never writes to any (`publishes=False`: no topic of
its own, no outbox relay); what it reads is recorded in its own store, read models follow."""

from __future__ import annotations

from park_shared.runtime import Runtime

from park_dashboard.application.context import Dashboard
from park_dashboard.contract import contract
from park_dashboard.events import DEPARTMENT
from park_dashboard.projections.administration import AdministrationProjection
from park_dashboard.projections.feed import FeedProjection
from park_dashboard.projections.investment import InvestmentProjection
from park_dashboard.projections.law import LawProjection
from park_dashboard.projections.market import MarketProjection
from park_dashboard.projections.resources import ResourcesProjection
from park_dashboard.projections.service import ServiceProjection
from park_dashboard.settings import DashboardSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: DashboardSettings | None = None) -> Dashboard:
    settings = settings or DashboardSettings()
    projections = (
        FeedProjection(settings.feed_size),
        InvestmentProjection(),
        ServiceProjection(),
        AdministrationProjection(),
        MarketProjection(),
        LawProjection(),
        ResourcesProjection(),
    )
    runtime = Runtime.of(contract(), DEPARTMENT, settings, projections, publishes=False)
    dashboard = Dashboard(runtime, settings)
    runtime.add_worker("feed", dashboard.reader.run, needs_bus=True)
    runtime.add_reader_status(dashboard.reader.status)
    return dashboard
