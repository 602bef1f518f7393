"""A service app keeps FastAPI's own OpenTelemetry off from the start (the suite's middleware
makes the server spans when tracing is on): a request, with tracing off, asks the API for no
global provider, and is answered as before."""

from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter
from opentelemetry import _logs, metrics, trace
from park_shared.application import Application
from park_shared.web.app import create_service_app


async def _never() -> Application:
    raise AssertionError("the lifespan does not run in this test")


async def test_a_request_asks_for_no_global_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    items = APIRouter(prefix="/items")

    @items.post("", status_code=201)
    async def create_item() -> dict[str, str]:
        return {"made": "item"}

    app = create_service_app(title="t", description="d", bootstrap=_never, routers=[items])
    asked: list[str] = []
    for module, name in (
        (trace, "get_tracer_provider"),
        (metrics, "get_meter_provider"),
        (_logs, "get_logger_provider"),
    ):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda real=real, name=name: asked.append(name) or real())
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        r = await client.post("/items")
    assert (r.status_code, r.json()) == (201, {"made": "item"})
    assert asked == []
    assert not app._native_telemetry.enabled()
