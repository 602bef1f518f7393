"""The HTTP server span of the suite's own middleware (telemetry/server.py), as the FastAPI
instrumentation made it: named by the route's template, the request's traceparent its parent,
current while the route runs, the status code, ERROR and the exception at 5xx; none for
health, readiness and scrapes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.instrumentation import propagators
from opentelemetry.instrumentation.propagators import TraceResponsePropagator
from opentelemetry.sdk.trace import ReadableSpan, Tracer, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF
from opentelemetry.trace import SpanKind, StatusCode
from park_shared.telemetry import context as telemetry_context
from park_shared.telemetry import request, server
from park_shared.telemetry import setup as telemetry_setup
from park_shared.telemetry.batching import OtlpBatchSpanProcessor
from park_shared.telemetry.otlp import OtlpSpanExporter
from park_shared.telemetry.spans import LeanTracer
from park_shared.testing.otlp_sink import otlp_sink

PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(telemetry_context, "_tracer", provider.get_tracer("park-test"))
    monkeypatch.setattr(telemetry_setup, "tracing_enabled", lambda: True)
    return exporter


@pytest.fixture
async def client(spans: InMemorySpanExporter) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    seen: dict[str, str] = {}

    @app.post("/items/{item_id}", status_code=201)
    async def create(item_id: str) -> dict[str, str]:
        with telemetry_context.tracer().start_as_current_span("command Create"):
            pass
        seen["current"] = format(trace.get_current_span().get_span_context().span_id, "016x")
        return {"id": item_id}

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("it broke")

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    telemetry_setup.instrument_app(app)
    telemetry_setup.instrument_app(app)  # once only
    app.state.seen = seen
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


def servers(spans: InMemorySpanExporter) -> list[ReadableSpan]:
    return [s for s in spans.get_finished_spans() if s.kind == SpanKind.SERVER]


async def test_a_routed_request_is_one_server_span_named_by_its_route(
    client: httpx.AsyncClient, spans: InMemorySpanExporter
) -> None:
    response = await client.post("/items/i-1?x=1", headers={"traceparent": PARENT, "user-agent": "ua"})
    assert response.status_code == 201
    [server] = servers(spans)
    assert server.name == "POST /items/{item_id}"
    assert server.parent is not None and format(server.parent.span_id, "016x") == "b7ad6b7169203331"
    assert format(server.context.trace_id, "032x") == "0af7651916cd43dd8448eb211c80319c"
    attributes = dict(server.attributes or {})
    assert attributes["http.route"] == "/items/{item_id}"
    assert attributes["http.status_code"] == 201
    assert attributes["http.method"] == "POST" and attributes["http.target"] == "/items/i-1"
    assert attributes["http.url"] == "http://test/items/i-1?x=1" and attributes["http.user_agent"] == "ua"
    assert server.status.status_code == StatusCode.UNSET
    [command] = [s for s in spans.get_finished_spans() if s.name == "command Create"]
    assert command.parent is not None and command.parent.span_id == server.context.span_id


async def test_an_unmatched_request_is_named_by_its_method(
    client: httpx.AsyncClient, spans: InMemorySpanExporter
) -> None:
    assert (await client.post("/nowhere")).status_code == 404
    assert (await client.delete("/items/i-1")).status_code == 405
    first, second = servers(spans)
    assert (first.name, first.parent, dict(first.attributes or {})["http.status_code"]) == ("POST", None, 404)
    assert second.name == "DELETE /items/{item_id}"
    assert first.status.status_code == StatusCode.UNSET


async def test_a_failing_route_is_an_error_with_its_exception(
    client: httpx.AsyncClient, spans: InMemorySpanExporter
) -> None:
    assert (await client.get("/boom")).status_code == 500
    [server] = servers(spans)
    assert server.name == "GET /boom"
    assert dict(server.attributes or {})["http.status_code"] == 500
    assert server.status.status_code == StatusCode.ERROR
    assert [e.name for e in server.events] == ["exception"]


async def test_health_gets_no_span(client: httpx.AsyncClient, spans: InMemorySpanExporter) -> None:
    assert (await client.get("/health")).status_code == 200
    assert spans.get_finished_spans() == ()


async def test_a_request_not_sampled_is_served_and_records_nothing(
    client: httpx.AsyncClient, spans: InMemorySpanExporter, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider = TracerProvider(sampler=ALWAYS_OFF)
    provider.add_span_processor(SimpleSpanProcessor(spans))
    monkeypatch.setattr(telemetry_context, "_tracer", provider.get_tracer("park-test"))
    assert (await client.post("/items/i-2")).status_code == 201
    assert (await client.get("/boom")).status_code == 500
    assert spans.get_finished_spans() == ()


UNSAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"


@pytest.mark.parametrize("parent", [PARENT, UNSAMPLED], ids=["sampled", "not sampled"])
async def test_a_span_not_recording_is_current_in_the_route_and_told_to_a_response_propagator(
    client: httpx.AsyncClient, spans: InMemorySpanExporter, monkeypatch: pytest.MonkeyPatch, parent: str
) -> None:
    """Under a parent not sampled (or no sampling at all) the server span records nothing, yet it
    is the route's current span (its trace the parent's), and a response propagator set is told it."""
    provider = TracerProvider(sampler=ALWAYS_OFF if parent == PARENT else None)
    monkeypatch.setattr(telemetry_context, "_tracer", provider.get_tracer("park-test"))
    seen = client._transport.app.state.seen  # type: ignore[attr-defined]
    for propagator in (None, TraceResponsePropagator()):
        monkeypatch.setattr(propagators, "_RESPONSE_PROPAGATOR", propagator)
        response = await client.post("/items/i-3", headers={"traceparent": parent})
        assert response.status_code == 201
        assert seen["current"] not in ("b7ad6b7169203331", "0" * 16)  # the server span's own
        told = response.headers.get("traceresponse")
        assert told == (None if propagator is None else f"00-{parent[3:35]}-{seen['current']}-00")
    assert spans.get_finished_spans() == ()


@pytest.mark.parametrize("parent", [PARENT, UNSAMPLED], ids=["sampled", "not sampled"])
async def test_the_suite_s_tracer_reads_the_request_only_for_a_span_it_records(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, parent: str
) -> None:
    with otlp_sink() as sink:
        provider = TracerProvider()
        provider.add_span_processor(
            OtlpBatchSpanProcessor(OtlpSpanExporter(endpoint=f"{sink.url}/v1/traces"))
        )
        sdk = provider.get_tracer("park-test")
        assert isinstance(sdk, Tracer)
        tracer = LeanTracer(sdk)
        started: list[trace.Span] = []
        lazily = tracer.start_span_lazily

        def keeping(*args: Any) -> trace.Span:
            started.append(lazily(*args))
            return started[-1]

        monkeypatch.setattr(tracer, "start_span_lazily", keeping)
        monkeypatch.setattr(telemetry_context, "_tracer", tracer)
        read: list[Any] = []

        def reading(scope: Any) -> Any:
            read.append(request.read_request(scope))
            return read[-1]

        monkeypatch.setattr(server, "read_request", reading)
        headers = {"traceparent": parent, "user-agent": "ua"}
        assert (await client.post("/items/i-4?x=1", headers=headers)).status_code == 201
        [span] = started
        assert span.is_recording() is False  # ended
        if parent == UNSAMPLED:
            assert read == [] and type(span) is trace.NonRecordingSpan
        else:
            [(attributes, extracted)] = read
            assert trace.get_current_span(extracted).get_span_context() == span._parent  # type: ignore[attr-defined]
            assert dict(span._attributes) == {  # type: ignore[attr-defined]
                **attributes,
                "http.status_code": 201,
                "http.route": "/items/{item_id}",
            }
        provider.shutdown()


READ_ALONE = [[(b"host", b"h")], [(b"traceparent", PARENT.encode())], [(b"traceparent", b"00-bad")]]
"""Requests whose trace is read from their headers' names (and a plain traceparent) alone."""


@pytest.mark.parametrize(
    "headers",
    [
        *READ_ALONE,
        [],
        [(b"TraceParent", PARENT.encode()), (b"user-agent", b"ua")],
        [(b"traceparent", PARENT.encode()), (b"tracestate", b"k=v")],
        [(b"baggage", b"k=v")],
        [(b"traceparent", PARENT.encode()), (b"traceparent", UNSAMPLED.encode())],
        [("traceparent".encode("utf-16"), PARENT.encode())],
    ],
)
def test_a_request_s_trace_read_alone_is_read_request_s(headers: list[tuple[bytes, bytes]]) -> None:
    scope = {"type": "http", "method": "POST", "path": "/x", "headers": headers, "query_string": b""}
    alone = request.request_trace(scope)
    assert (alone is not None) == (headers in READ_ALONE)
    if alone is not None:
        expected = request.read_request(scope)[1]
        assert list(alone) == list(expected)
        found = trace.get_current_span(alone).get_span_context()
        assert found == trace.get_current_span(expected).get_span_context()
