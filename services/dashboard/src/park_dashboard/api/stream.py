"""Live updates as server-sent events: the summary again whenever something new was recorded."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from park_shared.runtime import Runtime

from park_dashboard.api.deps import RuntimeDep
from park_dashboard.application import queries
from park_dashboard.application.changes import Changes
from park_dashboard.settings import DashboardSettings

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["live"])

COALESCE_SECONDS = 0.25
"""A burst of events becomes one update."""


async def _summary_event(runtime: Runtime, version: int) -> str:
    if runtime.projection_runner is not None:
        await runtime.projection_runner.catch_up()
    body = (await queries.summary(runtime.read_models, runtime.today())).model_dump_json()
    return f"event: summary\nid: {version}\ndata: {body}\n\n"


async def _events(request: Request, runtime: Runtime) -> AsyncIterator[str]:
    changes: Changes = runtime.state["changes"]
    settings = runtime.settings
    assert isinstance(settings, DashboardSettings)
    loop = asyncio.get_running_loop()
    ends = loop.time() + settings.stream_max_seconds
    yield "retry: 2000\n\n"
    seen = -1
    while loop.time() < ends and not await request.is_disconnected():
        if changes.version != seen:
            seen = changes.version
            yield await _summary_event(runtime, seen)
            await asyncio.sleep(COALESCE_SECONDS)
        else:
            yield ": keep-alive\n\n"
        await changes.wait(seen, settings.stream_heartbeat_seconds)


@router.get(
    "/stream",
    summary="Server-sent events: `summary` (the /api/summary body) on every change",
    response_class=StreamingResponse,
)
async def stream(request: Request, runtime: RuntimeDep) -> StreamingResponse:
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(_events(request, runtime), media_type="text/event-stream", headers=headers)
