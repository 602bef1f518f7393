"""Rate limits on the public routes: per client address and route, 429 with Retry-After.

A route is public when a segment of its path is ``public`` (``/public``, ``/public/...``, the
dashboard's ``/api/public``): those answer without a token, so anyone can call them in a loop.
Each client address may call each of them PARK_PUBLIC_RATE_LIMIT times (`limits` notation,
default 120/minute; several limits may be given, ``120/minute;1000/hour``), counted in a moving
window by the `limits` library in this process's memory on the embedded default (each process
counts on its own), and with PARK_STORE=mongodb in fixed windows in the service's own database
(web/rate_storage.py), so that every replica of the service counts against one limit.
Beyond that the request is refused before it is routed, so it changes nothing: 429, a problem
body and ``Retry-After`` in seconds (until a slot of the window frees). Routes that need a token
are not limited here; investment's inquiry form keeps its own, stricter, token bucket.

The client address is the connection's (ASGI ``client``): behind a reverse proxy, run the server
with its trusted proxy headers (uvicorn ``--forwarded-allow-ips``) so that it is the caller's."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI
from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter, RateLimiter
from pymongo.errors import PyMongoError
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from park_shared.settings import ParkSettings
from park_shared.web.problems import ServiceUnavailable, problem

__all__ = ["DEFAULT_LIMIT", "PublicRateLimit", "install_rate_limits", "is_public", "limits_for"]

DEFAULT_LIMIT = "120/minute"


def is_public(path: str) -> bool:
    return "public" in path.split("/")


def limits_for(settings: ParkSettings) -> list[RateLimitItem]:
    """The limits in force: PARK_PUBLIC_RATE_LIMIT, else the default (none under PARK_ENV=test,
    whose suites poll public routes to wait for events; a test that wants a limit sets one)."""
    configured = settings.park_public_rate_limit
    if configured is None:
        configured = "off" if settings.park_env == "test" else DEFAULT_LIMIT
    return [] if configured == "off" else parse_many(configured)


class PublicRateLimit:
    """Pure ASGI middleware. ``limits=None`` reads them from the running service's settings
    (``app.state.runtime.settings``) at the first public request."""

    def __init__(self, app: ASGIApp, limits: Sequence[RateLimitItem] | None = None) -> None:
        self.app = app
        self._limits = None if limits is None else list(limits)
        self._limiter: RateLimiter | None = None
        self._templates: list[tuple[re.Pattern[str], str]] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_public(scope["path"]):
            await self.app(scope, receive, send)
            return
        try:
            wait = await self._refusal(scope)
        except (ServiceUnavailable, PyMongoError):
            detail = "the rate-limit counters are not reachable; try again shortly"
            unavailable = problem(503, "Service unavailable", detail, Request(scope), retry_after=1)
            await unavailable(scope, receive, send)
            return
        if wait is None:
            await self.app(scope, receive, send)
            return
        detail = f"too many requests from your address to this route; try again in {wait} s"
        response = problem(429, "Too many requests", detail, Request(scope), retry_after=wait)
        await response(scope, receive, send)

    async def _refusal(self, scope: Scope) -> int | None:
        """None when the request may pass (and is counted), else the seconds to wait."""
        items = self._items(scope)
        if not items:
            return None
        client = scope.get("client")
        key = (client[0] if client else "unknown", self._route(scope))
        limiter = self._limiter_of(scope)
        if isinstance(limiter, FixedWindowRateLimiter):  # shared: count atomically, then judge
            full = [item for item in items if not await limiter.hit(item, *key)]
        else:
            full = [item for item in items if not await limiter.test(item, *key)]
            if not full:
                for item in items:
                    await limiter.hit(item, *key)
        if not full:
            return None
        resets = [(await limiter.get_window_stats(item, *key)).reset_time for item in full]
        return max(1, math.ceil(max(resets) - time.time()))

    def _limiter_of(self, scope: Scope) -> RateLimiter:
        """Moving windows in memory; fixed windows in the service's MongoDB where it has one."""
        if self._limiter is None:
            runtime = getattr(scope["app"].state, "runtime", None)
            if runtime is not None and runtime.settings.park_store == "mongodb":
                from park_shared.web.rate_storage import MongoWindowStorage

                ceiling = max((item.amount for item in self._items(scope)), default=None)
                self._limiter = FixedWindowRateLimiter(
                    MongoWindowStorage(lambda: runtime.read_models.database, ceiling=ceiling)
                )
            else:
                self._limiter = MovingWindowRateLimiter(MemoryStorage())
        return self._limiter

    def _items(self, scope: Scope) -> list[RateLimitItem]:
        if self._limits is None:
            runtime = getattr(scope["app"].state, "runtime", None)
            settings = runtime.settings if runtime is not None else ParkSettings.model_construct()
            self._limits = limits_for(settings)
        return self._limits

    def _route(self, scope: Scope) -> str:
        """The template of the route asked for, so that /public/policies/a and /public/policies/b
        count together; one key for every path no public route serves."""
        if self._templates is None:
            self._templates = _templates(scope["app"])
        path = scope["path"]
        return next((template for pattern, template in self._templates if pattern.match(path)), "unmatched")


def _templates(app: FastAPI) -> list[tuple[re.Pattern[str], str]]:
    """The public path templates of the app's OpenAPI as patterns, the most literal first."""
    paths = [p for p in app.openapi().get("paths", {}) if is_public(p)]
    paths.sort(key=lambda p: (p.count("{"), -len(p)))
    return [(re.compile("^" + "[^/]+".join(map(re.escape, _PARAM.split(p))) + "$"), p) for p in paths]


_PARAM = re.compile(r"\{[^}]*\}")


def _document(schema: dict[str, Any]) -> dict[str, Any]:
    too_many = {
        "description": "Too many requests from this address (PARK_PUBLIC_RATE_LIMIT)",
        "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}},
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    for path, item in schema.get("paths", {}).items():
        if is_public(path):
            for operation in item.values():
                operation.setdefault("responses", {})["429"] = too_many
    return schema


def install_rate_limits(app: FastAPI) -> None:
    """Limits the app's public routes and documents their 429 in its OpenAPI."""
    app.add_middleware(PublicRateLimit)
    generate: Callable[[], dict[str, Any]] = app.openapi
    app.openapi = lambda: _document(generate())  # type: ignore[method-assign]
