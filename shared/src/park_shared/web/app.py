"""The FastAPI app every service is: lifespan around its runtime, /health, /ready, problems."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel
from starlette._utils import get_route_path
from starlette.routing import Match
from starlette.types import Scope

from park_shared import metrics
from park_shared.application import Application
from park_shared.auth import Principal
from park_shared.errors import NotFound
from park_shared.logging_setup import setup_logging
from park_shared.projections.fold_watch import utc_now
from park_shared.projections.port import RETIRED_MINUTES, ReadModelStore, ReplicaSet
from park_shared.runtime import Runtime
from park_shared.telemetry import instrument_app
from park_shared.telemetry.http import CommandMetricsMiddleware
from park_shared.telemetry.setup import NATIVE_TELEMETRY_OFF
from park_shared.web.limits import BodySizeLimit
from park_shared.web.openapi_problems import OPERATIONS_TAG, document_problems
from park_shared.web.problems import ServiceUnavailable, install_problem_handlers
from park_shared.web.rate_limits import install_rate_limits
from park_shared.web.security import requires
from park_shared.web.storable import refuse_unstorable

__all__ = [
    "ReadModelsDep",
    "RuntimeDep",
    "application_of",
    "create_service_app",
    "fresh_read_models",
    "get_runtime",
]

log = logging.getLogger(__name__)

A = TypeVar("A", bound=Application)

Bootstrap = Callable[[], Awaitable[Application]]


# The dependencies are coroutines although they await nothing: FastAPI runs a plain function
# dependency on a worker thread, a hand-off that cost each request more than its handling.


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def get_application(request: Request) -> Application:
    application: Application = request.app.state.application
    return application


def application_of(kind: type[A]) -> Callable[[Request], Awaitable[A]]:
    """The dependency that hands a route its service's application context, typed."""

    async def get(request: Request) -> A:
        application: Application = request.app.state.application
        if not isinstance(application, kind):
            raise TypeError(f"this app runs {type(application).__name__}, not {kind.__name__}")
        return application

    return get


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
ApplicationDep = Annotated[Application, Depends(get_application)]


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
        application = await bootstrap()
        runtime = application.runtime
        app.state.application, app.state.runtime = application, runtime
        setup_logging(runtime.service)
        await runtime.start()
        instrument_app(app)
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

    app = FastAPI(
        title=title,
        description=description,
        version=version,
        lifespan=lifespan,
        telemetry=NATIVE_TELEMETRY_OFF,
        dependencies=[Depends(refuse_unstorable)],  # 422 for what the read models cannot hold
    )
    install_problem_handlers(app)
    app.add_middleware(BodySizeLimit)  # 413 over 1 MiB, before any route reads the body
    install_rate_limits(app)  # 429 + Retry-After on /public routes, per client address and route
    document_problems(app)  # errors documented as the problem+json they are
    app.add_middleware(CommandMetricsMiddleware)

    @app.get("/health", tags=[OPERATIONS_TAG], summary="Liveness")
    async def health(runtime: RuntimeDep) -> dict[str, str]:
        return {"status": "ok", "service": runtime.service}

    @app.get("/ready", tags=[OPERATIONS_TAG], summary="Store and bus reachable")
    async def ready(runtime: RuntimeDep) -> JSONResponse:
        parts = await runtime.readiness()
        ok = all(v == "ok" for v in parts.values())
        body = {"ready": ok, "service": runtime.service, **parts}
        return JSONResponse(body, status_code=200 if ok else 503)

    @app.get(
        "/metrics",
        tags=[OPERATIONS_TAG],
        summary="Prometheus scrape (PARK_METRICS=prometheus)",
        response_class=PlainTextResponse,
    )
    async def prometheus_metrics(runtime: RuntimeDep) -> Response:
        body = await metrics.scrape(runtime)
        if body is None:
            raise NotFound("metrics are not served here: PARK_METRICS is not prometheus")
        return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")

    app.include_router(ops_router())
    for router in routers:
        app.include_router(_PrefixGuard.guarding(router) if router.prefix else router)
    return app


class _PrefixGuard(APIRouter):
    """One service router, included as itself behind a test of its prefix (the literal part, up
    to a path parameter): a path outside it is turned away before FastAPI tries each of the
    router's routes, since every route of the router is that prefix and more, so no such path
    could match one (nor partly: a wrong method). FastAPI tries the app's routers in order, and
    each router's routes one by one, a few microseconds each: a service's last router paid for
    every route before it (~300 µs per request in headquarters). What matches, the OpenAPI
    document and every answer are as before.

    The guard is the router itself, not a router around it: `guarding` makes an object of this
    class that shares the router's state (its routes, prefix, settings), so FastAPI includes
    one router, not two nested ones: a router included through another was matched three times
    per request (the outer router's match, its handling's match again, then the inner one's)."""

    _guarded: APIRouter
    _guarded_prefix: str

    @classmethod
    def guarding(cls, router: APIRouter) -> _PrefixGuard:
        guard = cls.__new__(cls)
        guard.__dict__.update(router.__dict__)
        guard._guarded, guard._guarded_prefix = router, router.prefix.split("{", 1)[0]
        return guard

    @property
    def _routes_version(self) -> int:
        """The router's own count of its changes: a route added to it later is seen here too."""
        return self._guarded._routes_version

    @_routes_version.setter
    def _routes_version(self, version: int) -> None:
        self._guarded._routes_version = version

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if not get_route_path(scope).startswith(self._guarded_prefix):
            return Match.NONE, {}
        return super().matches(scope)


class ConsumerStatus(BaseModel):
    """A reader of topics: its group, what it has handled and dead-lettered, its lag (None
    before it has joined its group)."""

    name: str
    topics: list[str]
    handled: int
    dead_lettered: int
    lag: int | None


class ServiceStatus(BaseModel):
    service: str
    replica: str = ""
    """This process's PARK_REPLICA ("" for none)."""
    consumers: list[ConsumerStatus]
    outbox_backlog: int
    read_models_shared_with: str | None = None
    """Another live process folding into this one's read models where that loses updates (two
    replicas on FerretDB without a PARK_REPLICA each): its process id."""


class Replayed(BaseModel):
    service: str
    events_applied: int


class ReadModelSet(BaseModel):
    replica: str
    """The replica's PARK_REPLICA ("" for a process without one)."""
    collections: list[str]
    last_beat: datetime | None
    """When the replica last said it was alive (null: never recorded)."""
    own: bool
    """This process's set."""
    retired: bool
    """No beat for RETIRED_AFTER: its process stopped, and the set may be dropped."""

    @classmethod
    def of(cls, found: ReplicaSet, now: datetime) -> ReadModelSet:
        return cls(
            replica=found.replica,
            collections=list(found.collections),
            last_beat=found.last_beat,
            own=found.own,
            retired=found.retired(now),
        )


class ReadModelSets(BaseModel):
    service: str
    sets: list[ReadModelSet]
    """Each replica's read models in the service's database (none on SQLite: one process's file)."""


ReplicaName = Annotated[
    str,
    Query(
        pattern=r"^[a-z0-9-]*$",
        max_length=40,
        description="The replica's PARK_REPLICA; empty (`?replica=`) for the process that had none.",
    ),
]


def ops_router() -> APIRouter:
    """What an operator asks a running service: its consumers' progress, its outbox backlog,
    a rebuild of its read models, and its replicas' read models (a retired one's dropped)."""
    router = APIRouter(prefix="/ops", tags=[OPERATIONS_TAG])

    @router.get("/status", summary="Consumers (lag, handled, dead-lettered) and outbox backlog")
    async def status(runtime: RuntimeDep) -> ServiceStatus:
        consumers = []
        for c in runtime.consumers:
            lag = await c.subscription.lag() if c.subscription is not None else None
            consumers.append(
                ConsumerStatus(
                    name=c.name,
                    topics=list(c.topics),
                    handled=c.handled,
                    dead_lettered=c.dead_lettered,
                    lag=lag,
                )
            )
        consumers += [ConsumerStatus.model_validate(await report()) for report in runtime.reader_statuses]
        backlog = await runtime.relay.backlog() if runtime.relay is not None else 0
        shared_with = runtime.read_models.shared_with if runtime.projection_runner is not None else None
        return ServiceStatus(
            service=runtime.service,
            replica=runtime.settings.park_replica,
            consumers=consumers,
            outbox_backlog=backlog,
            read_models_shared_with=shared_with,
        )

    @router.post("/replay", summary="Rebuild every read model from the events")
    async def replay(runtime: RuntimeDep, who: Annotated[Principal, Depends(requires())]) -> Replayed:
        if runtime.projection_runner is None:
            raise ServiceUnavailable("the store is not reachable yet")
        applied = await runtime.projection_runner.rebuild()
        log.info("read models of %s rebuilt by %s: %d events", runtime.service, who.actor, applied)
        return Replayed(service=runtime.service, events_applied=applied)

    @router.get("/read-models", summary="The read models of each replica of the service in its database")
    async def read_model_sets(
        runtime: RuntimeDep, who: Annotated[Principal, Depends(requires())]
    ) -> ReadModelSets:
        now = utc_now()
        found = await _connected(runtime).replica_sets()
        return ReadModelSets(service=runtime.service, sets=[ReadModelSet.of(s, now) for s in found])

    @router.delete(
        "/read-models",
        summary=f"Drop a retired replica's read models (no beat for {RETIRED_MINUTES} minutes)",
        responses={
            404: {"description": "No such replica's read models in this database (or no replicas at all)"},
            409: {"description": "The set is this process's own, beat lately, or has no beat recorded"},
        },
    )
    async def drop_read_model_set(
        runtime: RuntimeDep, who: Annotated[Principal, Depends(requires())], replica: ReplicaName
    ) -> ReadModelSet:
        dropped = await _connected(runtime).drop_replica_set(replica)
        log.info(
            "read models of replica %r of %s dropped by %s: %s",
            replica,
            runtime.service,
            who.actor,
            ", ".join(dropped.collections),
        )
        return ReadModelSet.of(dropped, utc_now())

    return router


def _connected(runtime: Runtime) -> ReadModelStore:
    if runtime.projection_runner is None:
        raise ServiceUnavailable("the store is not reachable yet")
    return runtime.read_models


async def fresh_read_models(application: ApplicationDep) -> ReadModelStore:
    """The read models, caught up with every event stored so far (read-your-writes)."""
    return await application.read_models()


ReadModelsDep = Annotated[ReadModelStore, Depends(fresh_read_models)]
