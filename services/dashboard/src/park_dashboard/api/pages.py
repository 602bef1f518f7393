"""The dashboard page (static HTML + JS, served by the dashboard itself) and the public page."""

from __future__ import annotations

from importlib import resources
from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from park_shared.errors import NotFound
from park_shared.web.dates import Day

from park_dashboard.api.deps import DashboardDep, ReadModelsDep, TodayDep
from park_dashboard.application import queries
from park_dashboard.pages.public import render_public

__all__ = ["router"]

router = APIRouter(tags=["pages"])

STATIC = {
    "style.css": "text/css; charset=utf-8",
    "i18n.js": "text/javascript; charset=utf-8",
    "charts.js": "text/javascript; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}


def _read(name: str) -> bytes:
    return (resources.files("park_dashboard") / "static" / name).read_bytes()


@router.get("/", response_class=HTMLResponse, summary="The dashboard (?lang=zh|en)")
async def index() -> HTMLResponse:
    return HTMLResponse(_read("index.html"), headers={"Cache-Control": "no-cache"})


@router.get(
    "/static/{name}",
    summary="The page's own CSS, scripts and icon (nothing from a CDN)",
    response_class=Response,
    responses={200: {"content": {media: {} for media in sorted(set(STATIC.values()))}}},
)
async def static(name: str) -> Response:
    if name not in STATIC:
        raise NotFound(f"no static file {name}")
    return Response(_read(name), media_type=STATIC[name], headers={"Cache-Control": "no-cache"})


@router.get("/public", response_class=HTMLResponse, summary="政务公开: the public transparency page")
async def public(
    models: ReadModelsDep,
    today: TodayDep,
    dashboard: DashboardDep,
    lang: Literal["zh", "en"] = Query("zh"),
    on: Day | None = Query(None, description="The day the regulations are in force on (default: today)"),
) -> HTMLResponse:
    view = await queries.public_view(models, today, on, dashboard.settings.headquarters_url)
    return HTMLResponse(render_public(view, lang))
