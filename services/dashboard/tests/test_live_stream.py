"""The live stream: server-sent `summary` events, again whenever something new is recorded."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn
from park_dashboard.app import create_app
from park_dashboard.settings import DashboardSettings
from park_dashboard.testing import SampleEvent, publish
from park_shared.testing._process import free_port


@pytest.fixture
async def served(embedded: DashboardSettings) -> AsyncIterator[str]:
    """The app behind a real HTTP server (an in-process ASGI client would buffer the stream)."""
    port = free_port()
    config = uvicorn.Config(create_app(embedded), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        server.force_exit = True
        await asyncio.wait_for(task, 10)


async def summaries(response: httpx.Response) -> AsyncIterator[dict[str, object]]:
    event = None
    async for line in response.aiter_lines():
        if line.startswith("event: "):
            event = line.removeprefix("event: ")
        elif line.startswith("data: ") and event == "summary":
            yield json.loads(line.removeprefix("data: "))


def lead_lost(lead_id: str) -> SampleEvent:
    return SampleEvent(
        "investment", "LeadLost.v1", lead_id, {"lead_id": lead_id, "reason": "r", "stage": "new"}
    )


async def test_a_new_event_reaches_an_open_stream_within_seconds(
    served: str, embedded: DashboardSettings
) -> None:
    client = httpx.AsyncClient(base_url=served, timeout=10)
    async with client, client.stream("GET", "/api/stream") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        stream = summaries(response)
        first = await anext(stream)
        assert first["feed"]["total"] == 0  # type: ignore[index]
        event = lead_lost("lead-9")
        await publish(embedded, [event])
        update = await asyncio.wait_for(anext(stream), 5)
        await stream.aclose()
    assert update["feed"]["total"] == 1  # type: ignore[index]
    assert update["feed"]["items"][0]["id"] == event.id  # type: ignore[index]
