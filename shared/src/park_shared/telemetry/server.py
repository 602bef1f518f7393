"""The HTTP server span of a request, from a thin middleware of the suite's own over the
OpenTelemetry API, in place of the FastAPI instrumentation (which cost more than the rest of
the tracing together: it matched every route up front, wrapped every send, and set each
attribute twice).

The span is the one the instrumentation made: named `POST /leads/{lead_id}/agreement` (the
route's template; the method alone when no route matched), kind SERVER (INTERNAL under a span
already current in the process), the request's attributes as the ASGI instrumentation
collects them (its own function, or the same from a request alike: telemetry/request.py),
`http.route`, `http.status_code`, status ERROR at 5xx, an unhandled exception recorded; the child of the
request's `traceparent`, and current while the app runs (the command span is its child, the
access log line carries its trace). It ends when the response's last body part is sent."""

from __future__ import annotations

from typing import Any

from opentelemetry import context, trace
from opentelemetry.instrumentation.propagators import get_global_response_propagator
from opentelemetry.trace import SpanKind, Status, StatusCode
from opentelemetry.util.http import sanitize_method
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from park_shared.telemetry.context import attach_span, current_span, detach, tracer
from park_shared.telemetry.request import read_request, request_trace
from park_shared.telemetry.spans import LeanTracer

__all__ = ["UNTRACED_PATHS", "RecordExceptions", "ServerSpans", "with_server_spans"]

UNTRACED_PATHS = ("/health", "/ready", "/metrics")
"""Requests whose path ends so get no span (liveness, readiness, scrapes)."""


def with_server_spans(stack: ASGIApp) -> ASGIApp:
    """A built middleware stack with its server spans: the unhandled exception recorded
    inside Starlette's ServerErrorMiddleware (before it sends the 500 that ends the span)."""
    if isinstance(stack, ServerErrorMiddleware):
        stack.app = RecordExceptions(stack.app)
    return ServerSpans(stack)


class RecordExceptions:
    """An exception on its way out of the app, recorded on the current span."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            _record(trace.get_current_span(), scope, exc)
            raise


def _record(span: trace.Span, scope: Scope, exc: Exception) -> None:
    if span.is_recording() and scope.get(_RECORDED) is not exc:
        scope[_RECORDED] = exc
        span.record_exception(exc)
        span.set_status(Status(StatusCode.ERROR, f"{type(exc).__name__}: {exc}"))


_RECORDED = "park.telemetry.recorded_exception"


class ServerSpans:
    def __init__(self, app: ASGIApp, untraced: tuple[str, ...] = UNTRACED_PATHS) -> None:
        self.app = app
        self._untraced = untraced

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].endswith(self._untraced):
            await self.app(scope, receive, send)
            return
        method = scope.get("method", "")
        if method not in _KNOWN_METHODS:
            method = _method(method)
        span, parent = _start(scope, method)
        inside = attach_span(span, parent)  # the request's context and its span
        response_propagator = get_global_response_propagator()  # type: ignore[no-untyped-call]
        if response_propagator is None and not span.is_recording():  # not sampled: nothing to tell it
            try:
                await self.app(scope, receive, send)
            finally:
                detach(inside)
            return
        trailers = False

        async def sending(message: Message) -> None:
            nonlocal trailers
            kind_ = message["type"]
            if kind_ == "http.response.start":
                status = int(message["status"])
                trailers = message.get("trailers", False)
                span.set_attribute("http.status_code", status)
                if status >= 500:
                    span.set_status(Status(StatusCode.ERROR))
                if response_propagator is not None:
                    from opentelemetry.instrumentation.asgi import asgi_setter

                    response_propagator.inject(
                        message,
                        context=trace.set_span_in_context(span, context.Context()),
                        setter=asgi_setter,
                    )
            await send(message)
            if kind_ == "http.response.body":
                last = not trailers and not message.get("more_body", False)
            else:
                last = kind_ == "http.response.trailers" and not message.get("more_trailers", False)
            if last and span.is_recording():  # not sampled: nothing to name
                self._name(span, scope, method)
                span.end()

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            _record(span, scope, exc)
            raise
        finally:
            detach(inside)
            if span.is_recording():  # no last body sent (an error before the response)
                self._name(span, scope, method)
                span.end()

    @staticmethod
    def _name(span: trace.Span, scope: Scope, method: str) -> None:
        """The route's template is known once the router has run: it names the span."""
        route = _route_of(scope)
        if route is not None:
            span.set_attribute("http.route", route)
            span.update_name(f"{method} {route}" if method else route)


def _start(scope: Scope, method: str) -> tuple[trace.Span, context.Context]:
    """The request's span and the context it is current in: SERVER, the child of the request's
    trace, or INTERNAL under a span already current; its attributes read from the request only
    when the span records them (the suite's tracer, a trace read from the headers' names alone)."""
    current = current_span()
    outermost = current is None or current is trace.INVALID_SPAN or not isinstance(current, trace.Span)
    tracer_ = tracer()
    if isinstance(tracer_, LeanTracer):
        parent = request_trace(scope) if outermost else context.get_current()
        if parent is not None:
            kind = SpanKind.SERVER if outermost else SpanKind.INTERNAL
            return tracer_.start_span_lazily(method, parent, kind, lambda: read_request(scope)[0]), parent
    attributes, extracted = read_request(scope)
    if outermost:
        parent = extracted  # trace.get_current_span() is trace.INVALID_SPAN
        kind = SpanKind.SERVER
    else:
        parent = context.get_current()
        kind = SpanKind.INTERNAL
    return tracer_.start_span(method, context=parent, kind=kind, attributes=attributes), parent


_KNOWN_METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"))


def _method(raw: str) -> str:
    """The span's name before the route is known: `sanitize_method`'s, "HTTP" for what it calls
    _OTHER. A method it knows is its own name whatever the environment says, so only another
    one is asked of it (it reads the environment each time)."""
    if raw in _KNOWN_METHODS:
        return raw
    method = sanitize_method(raw.strip()) or ""
    return "HTTP" if method == "_OTHER" else method


def _route_of(scope: Scope) -> str | None:
    route: Any = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    # the router matched nothing in full (a 404 or a 405): the instrumentation named the
    # span after the last route that matched the path but not the method
    app: Any = scope.get("app")
    found = None
    for candidate in getattr(app, "routes", ()):
        match, _ = candidate.matches(scope)
        if match == Match.FULL:
            return getattr(candidate, "path", None)
        if match == Match.PARTIAL:
            found = getattr(candidate, "path", None)
    return found
