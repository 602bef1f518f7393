"""OpenTelemetry: one tracer provider per process, chosen by PARK_TELEMETRY, and the W3C
traceparent carried from an HTTP command through the store and the bus to the next service."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry import context, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

__all__ = ["current_traceparent", "memory_exporter", "setup_telemetry", "span_from", "tracer"]

_propagator = TraceContextTextMapPropagator()
_memory: InMemorySpanExporter | None = None


def setup_telemetry(service: str, mode: str) -> None:
    """Installs the process's tracer provider once: off, console, memory (tests) or otlp."""
    global _memory
    if mode == "off" or isinstance(trace.get_tracer_provider(), TracerProvider):
        return
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    if mode == "console":
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
    elif mode == "memory":
        _memory = InMemorySpanExporter()
        provider.add_span_processor(SimpleSpanProcessor(_memory))
    elif mode == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)


def memory_exporter() -> InMemorySpanExporter | None:
    return _memory


def tracer() -> trace.Tracer:
    return trace.get_tracer("park")


def current_traceparent() -> str | None:
    carrier: dict[str, str] = {}
    _propagator.inject(carrier)
    return carrier.get("traceparent")


@contextmanager
def span_from(name: str, traceparent: str | None, **attributes: str) -> Iterator[trace.Span]:
    """A span continuing the trace of `traceparent` (an event's), or a new trace."""
    parent = _propagator.extract({"traceparent": traceparent}) if traceparent else None
    token = context.attach(parent) if parent is not None else None
    try:
        with tracer().start_as_current_span(name, attributes=attributes) as span:
            yield span
    finally:
        if token is not None:
            context.detach(token)
