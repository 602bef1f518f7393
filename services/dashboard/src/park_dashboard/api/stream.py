"""Live updates as server-sent events: the summary again whenever something new was recorded."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from park_dashboard.api.deps import DashboardDep
from park_dashboard.application.context import Dashboard

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["live"])

COALESCE_SECONDS = 0.25
"""A burst of events becomes one update."""


async def _summary_event(dashboard: Dashboard, version: int) -> str:
    body = (await dashboard.summary()).model_dump_json()
    return f"event: summary\nid: {version}\ndata: {body}\n\n"


async def _events(request: Request, dashboard: Dashboard) -> AsyncIterator[str]:
    changes, settings = dashboard.changes, dashboard.settings
    loop = asyncio.get_running_loop()
    ends = loop.time() + settings.stream_max_seconds
    yield "retry: 2000\n\n"
    seen = -1
    while loop.time() < ends and not await request.is_disconnected():
        if changes.version != seen:
            seen = changes.version
            yield await _summary_event(dashboard, seen)
            await asyncio.sleep(COALESCE_SECONDS)
        else:
            yield ": keep-alive\n\n"
        await changes.wait(seen, settings.stream_heartbeat_seconds)


@router.get(
    "/stream",
    summary="Server-sent events: `summary` (the /api/summary body) on every change",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def stream(request: Request, dashboard: DashboardDep) -> StreamingResponse:
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(_events(request, dashboard), media_type="text/event-stream", headers=headers)
