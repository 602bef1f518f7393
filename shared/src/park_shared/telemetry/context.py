"""The trace context as the core carries it: W3C traceparent strings in event metadata and
message headers, spans that continue them, and one tracer for the whole suite."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry import context, trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

__all__ = [
    "current_traceparent",
    "parent_context",
    "span_from",
    "traceparent_of",
    "tracer",
    "tracing_enabled",
]

_propagator = TraceContextTextMapPropagator()
_tracer: trace.Tracer | None = None


def tracing_enabled() -> bool:
    """True once the process has a recording tracer provider (PARK_TELEMETRY is not off)."""
    return isinstance(trace.get_tracer_provider(), TracerProvider)


def tracer() -> trace.Tracer:
    """The suite's tracer, looked up once (the SDK's lookup is not cheap); taken before the
    provider is set, it is a proxy that follows the provider set later."""
    global _tracer
    if _tracer is None:
        _tracer = trace.get_tracer("park")
    return _tracer


def current_traceparent() -> str | None:
    carrier: dict[str, str] = {}
    _propagator.inject(carrier)
    return carrier.get("traceparent")


def traceparent_of(span: trace.Span) -> str | None:
    """The traceparent a message or an event carries to continue `span`'s trace."""
    carrier: dict[str, str] = {}
    _propagator.inject(carrier, context=trace.set_span_in_context(span))
    return carrier.get("traceparent")


def parent_context(traceparent: str | None) -> context.Context | None:
    return _propagator.extract({"traceparent": traceparent}) if traceparent else None


@contextmanager
def span_from(name: str, traceparent: str | None, **attributes: str) -> Iterator[trace.Span]:
    """A span continuing the trace of `traceparent` (an event's), or a new trace."""
    parent = parent_context(traceparent)
    token = context.attach(parent) if parent is not None else None
    try:
        with tracer().start_as_current_span(name, attributes=attributes) as span:
            yield span
    finally:
        if token is not None:
            context.detach(token)
