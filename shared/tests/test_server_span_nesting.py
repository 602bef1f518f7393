"""The server span under a span already current in the process is an INTERNAL child of it, as
the instrumentation made it; under none (nothing current, the invalid span, a value that is not
a span) it is the SERVER span of the request's own trace (telemetry/server.py reads the current
span as `trace.get_current_span()` does)."""

from __future__ import annotations

from typing import Any

import pytest
from opentelemetry import context, trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from opentelemetry.trace.propagation import _SPAN_KEY
from park_shared.telemetry import context as telemetry_context
from park_shared.telemetry.server import ServerSpans

OUTER = trace.NonRecordingSpan(
    trace.SpanContext(0xABC, 0xDEF, is_remote=False, trace_flags=trace.TraceFlags(1))
)


async def app(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b""})


async def receive() -> dict[str, Any]:
    return {"type": "http.request", "body": b""}


async def send(message: Any) -> None:
    return None


@pytest.mark.parametrize("current", [None, trace.INVALID_SPAN, "not a span", OUTER], ids=repr)
async def test_the_server_span_nests_as_the_current_span_says(
    monkeypatch: pytest.MonkeyPatch, current: Any
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(telemetry_context, "_tracer", provider.get_tracer("park-test"))
    scope = {"type": "http", "method": "GET", "path": "/x", "headers": [], "query_string": b""}
    token = context.attach(context.Context({} if current is None else {_SPAN_KEY: current}))
    try:
        outermost = trace.get_current_span() is trace.INVALID_SPAN
        await ServerSpans(app)(scope, receive, send)
    finally:
        context.detach(token)
    [span] = exporter.get_finished_spans()
    assert span.kind is (SpanKind.SERVER if outermost else SpanKind.INTERNAL)
    assert (span.parent is not None and span.parent.span_id == 0xDEF) is (current is OUTER)
