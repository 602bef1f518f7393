"""The HTTP edge's metrics: every command the API takes (a POST, PUT, PATCH or DELETE) counted
by route (the endpoint's name, e.g. `sign_agreement`) and status, as handled (2xx/3xx),
refused (4xx) or failed (5xx), with its duration."""

from __future__ import annotations

import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from park_shared import metrics

__all__ = ["CommandMetricsMiddleware"]

QUERIES = frozenset({"GET", "HEAD", "OPTIONS"})


class CommandMetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in QUERIES or not metrics.enabled():
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            service = _service(scope)
            if service is not None:
                name = getattr(scope.get("route"), "name", None) or "unmatched"
                metrics.command_handled(service, name, status, time.perf_counter() - started)


def _service(scope: Scope) -> str | None:
    runtime: Any = getattr(getattr(scope.get("app"), "state", None), "runtime", None)
    service = getattr(runtime, "service", None)
    return service if isinstance(service, str) else None
