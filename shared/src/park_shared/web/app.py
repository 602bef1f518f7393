"""The FastAPI app every service is: lifespan around its runtime, /health, /ready, problems."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from park_shared.projections.port import ReadModelStore
from park_shared.runtime import Runtime
from park_shared.web.problems import install_problem_handlers

__all__ = ["ReadModelsDep", "RuntimeDep", "create_service_app", "fresh_read_models", "get_runtime"]

log = logging.getLogger(__name__)

Bootstrap = Callable[[], Awaitable[Runtime]]


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def create_service_app(
    *,
    title: str,
    description: str,
    bootstrap: Bootstrap,
    routers: Sequence[APIRouter],
    version: str = "0.1.0",
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = await bootstrap()
        app.state.runtime = runtime
        await runtime.start()
        log.info(
            "%s started (store=%s, bus=%s)",
            runtime.service,
            runtime.settings.park_store,
            runtime.settings.park_bus,
        )
        try:
            yield
        finally:
            await runtime.stop()

    app = FastAPI(title=title, description=description, version=version, lifespan=lifespan)
    install_problem_handlers(app)

    @app.get("/health", tags=["operations"], summary="Liveness")
    async def health(runtime: RuntimeDep) -> dict[str, str]:
        return {"status": "ok", "service": runtime.service}

    @app.get("/ready", tags=["operations"], summary="Store and bus reachable")
    async def ready(runtime: RuntimeDep) -> JSONResponse:
        parts = await runtime.readiness()
        ok = all(v == "ok" for v in parts.values())
        body = {"ready": ok, "service": runtime.service, **parts}
        return JSONResponse(body, status_code=200 if ok else 503)

    for router in routers:
        app.include_router(router)
    return app


async def fresh_read_models(runtime: RuntimeDep) -> ReadModelStore:
    """The read models, caught up with every event stored so far (read-your-writes)."""
    if runtime.projection_runner is not None:
        await runtime.projection_runner.catch_up()
    return runtime.read_models


ReadModelsDep = Annotated[ReadModelStore, Depends(fresh_read_models)]
