"""One tracer provider per process, chosen by PARK_TELEMETRY (and PARK_TELEMETRY_FILE), and
the OpenTelemetry instrumentations of the libraries the core talks through: FastAPI, httpx,
aiokafka and PyMongo. Nothing is installed while tracing is off."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Span

from park_shared.telemetry.config import ObservabilitySettings
from park_shared.telemetry.context import parent_context, tracing_enabled
from park_shared.telemetry.files import JsonLinesSpanExporter

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.telemetry import TelemetryConfig
    from starlette.types import ASGIApp

__all__ = ["instrument_app", "memory_exporter", "setup_telemetry"]

log = logging.getLogger(__name__)

_memory: InMemorySpanExporter | None = None
_instrumented = False


def setup_telemetry(service: str, mode: str, *, file: Path | None = None) -> None:
    """Installs the process's tracer provider once: off, console, memory (tests) or otlp
    (OTEL_EXPORTER_OTLP_ENDPOINT), plus JSON lines to `file` (default PARK_TELEMETRY_FILE)
    when given; then instruments aiokafka, PyMongo and httpx. A provider set before (a
    benchmark's) is kept."""
    if file is None:
        file = ObservabilitySettings().park_telemetry_file
    if mode == "off" and file is None:
        return
    if not tracing_enabled():
        trace.set_tracer_provider(_provider(service, mode, file))
    _instrument_libraries()


def _provider(service: str, mode: str, file: Path | None) -> TracerProvider:
    global _memory
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    if mode == "console":
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
    elif mode == "memory":
        _memory = InMemorySpanExporter()
        provider.add_span_processor(SimpleSpanProcessor(_memory))
    elif mode == "otlp":
        from park_shared.telemetry.batching import OtlpBatchSpanProcessor  # written as they end
        from park_shared.telemetry.otlp import OtlpSpanExporter  # OTLP/HTTP, its own encoding

        provider.add_span_processor(OtlpBatchSpanProcessor(OtlpSpanExporter()))
    if file is not None:
        provider.add_span_processor(SimpleSpanProcessor(JsonLinesSpanExporter(file)))
    return provider


def memory_exporter() -> InMemorySpanExporter | None:
    return _memory


def _instrument_libraries() -> None:
    """Client spans for Kafka sends and polls, MongoDB commands and HTTP calls (once)."""
    global _instrumented
    if _instrumented:
        return
    from opentelemetry.instrumentation.aiokafka import AIOKafkaInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.instrumentation.pymongo import PymongoInstrumentor

    AIOKafkaInstrumentor().instrument(async_produce_hook=keep_the_event_trace)
    PymongoInstrumentor().instrument()
    HTTPXClientInstrumentor().instrument()
    _instrumented = True


async def keep_the_event_trace(span: Span, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A message of the outbox already carries its event's traceparent, and aiokafka's
    instrumentation appends its send span's after it. The relay sends a batch of events of
    many traces from one task, so the send span belongs to the relay's batch, not to any one
    event: its traceparent is removed again, and the send span links to the event's trace.
    A consumer continues the event's trace."""
    headers = kwargs.get("headers")
    if not isinstance(headers, list):
        return
    positions = [i for i, (key, _) in enumerate(headers) if key == "traceparent"]
    if len(positions) < 2:
        return
    del headers[positions[1] :]  # the appended traceparent and what was injected after it
    event_trace = parent_context(bytes(headers[positions[0]][1]).decode())
    if event_trace is not None:
        span.add_link(trace.get_current_span(event_trace).get_span_context())


NATIVE_TELEMETRY_OFF: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}
"""FastAPI's own OpenTelemetry, off for every service app from its making (web/app.py) and for
any app `instrument_app` traces: it would add a second server span, its HTTP duration histograms
would repeat park_commands_total, and with tracing off it asked the API for the global tracer,
meter and logger providers at every request (each a look into os.environ) to find them unset."""


def instrument_app(app: FastAPI) -> None:
    """Server spans for the app's requests (not health, readiness and scrapes), when tracing
    is on: the suite's own middleware (telemetry/server.py) around the whole stack, error
    handling included, as the FastAPI instrumentation placed its own. FastAPI's native
    telemetry stays off: it would add a second server span, and its HTTP duration histograms
    would repeat park_commands_total at a per-request cost. Called from the lifespan: the
    middleware stack is rebuilt at the next request."""
    if not tracing_enabled() or getattr(app, "_park_server_spans", False):
        return
    from park_shared.telemetry.server import with_server_spans

    build = app.build_middleware_stack

    def build_with_spans() -> ASGIApp:
        return with_server_spans(build())

    setattr(app, "build_middleware_stack", build_with_spans)  # noqa: B010 - an instance's method
    native = getattr(app, "_telemetry", None)
    if isinstance(native, dict):  # FastAPI(telemetry=...)'s settings, read at each request
        native.update(NATIVE_TELEMETRY_OFF)
    app._park_server_spans = True  # type: ignore[attr-defined]
    app.middleware_stack = None
