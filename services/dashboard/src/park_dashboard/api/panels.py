"""The JSON endpoints: one per panel, and the whole summary the page starts from."""

from __future__ import annotations

from fastapi import APIRouter, Query
from park_shared.web.dates import Day

from park_dashboard.api.deps import DashboardDep, ReadModelsDep, TodayDep
from park_dashboard.application import queries
from park_dashboard.application.queries.feed import dead_letters
from park_dashboard.application.views import (
    AdministrationPanel,
    DeadLetter,
    FeedPanel,
    InvestmentPanel,
    MarketPanel,
    PublicView,
    ResourcesPanel,
    ServicePanel,
    Summary,
)

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["panels"])


@router.get("/summary", summary="Every panel at once (what the page and the live stream show)")
async def summary(dashboard: DashboardDep) -> Summary:
    return await dashboard.summary()


@router.get("/investment", summary="招商: the funnel by platform and park, duplicates, rewards")
async def investment(models: ReadModelsDep) -> InvestmentPanel:
    return await queries.investment_panel(models)


@router.get("/service", summary="服务: open cases by step, on-time rate per step, overdue, green channel")
async def service(models: ReadModelsDep, today: TodayDep) -> ServicePanel:
    return await queries.service_panel(models, today)


@router.get("/administration", summary="行政: policies in force, approvals waiting, supervision")
async def administration(models: ReadModelsDep, today: TodayDep) -> AdministrationPanel:
    return await queries.administration_panel(models, today)


@router.get(
    "/market",
    summary="经营: offerings against target, infrastructure progress, land requisition, parcels by state",
)
async def market(models: ReadModelsDep) -> MarketPanel:
    return await queries.market_panel(models)


@router.get(
    "/resources",
    summary="人才与公共资源: vacancies, talent subsidies, shared facilities, related projects",
)
async def resources(models: ReadModelsDep, today: TodayDep) -> ResourcesPanel:
    return await queries.resources_panel(models, today)


@router.get("/feed", summary="The latest events read, with type, source and time")
async def feed(models: ReadModelsDep) -> FeedPanel:
    return await queries.feed_panel(models)


@router.get("/dead-letters", summary="Messages the dashboard could not read (kept, never published)")
async def rejected(models: ReadModelsDep) -> list[DeadLetter]:
    return await dead_letters(models)


@router.get(
    "/public", summary="政务公开: policies, regulations in force (?on=), procedures, on-time performance"
)
async def public(
    models: ReadModelsDep,
    today: TodayDep,
    dashboard: DashboardDep,
    on: Day | None = Query(None, description="The day the regulations are in force on (default: today)"),
) -> PublicView:
    return await queries.public_view(models, today, on, dashboard.settings.headquarters_url)
