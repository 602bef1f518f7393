"""The direct spans of a provider whose only processor is PARK_TELEMETRY=otlp's (telemetry/
otlp_spans.py), as the tracer's bound `start_span` starts them and their own `end` ends them:
what the SDK's tracer and span do, in the cases the suite's scenarios leave out."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans as official
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from park_shared.telemetry.otlp_spans import DirectSpan, start_direct
from park_shared.testing.modules import module_at
from park_shared.testing.otlp_sink import OtlpSink, otlp_sink

_batching = module_at(Path(__file__).with_name("test_otlp_batching.py"), "park_otlp_batching")


@pytest.fixture
def sink() -> Iterator[OtlpSink]:
    with otlp_sink() as found:
        yield found


@pytest.fixture
def alone(sink: OtlpSink) -> Iterator[Any]:
    found = _batching.Alone(_batching.processor(sink))
    yield found
    found.provider.shutdown()


def posted(alone: Any, sink: OtlpSink) -> bytes:
    assert alone.provider.force_flush()
    [body] = sink.received["/v1/traces"]
    return body


def test_the_tracer_s_start_span_is_the_direct_one_bound(sink: OtlpSink) -> None:
    provider = TracerProvider()
    provider.add_span_processor(_batching.processor(sink))
    tracer = _batching.LeanTracer(provider.get_tracer("park"))
    assert tracer.start_span.__func__ is start_direct  # type: ignore[attr-defined]
    provider.shutdown()


def test_a_span_ended_twice_is_posted_once_the_second_end_logged_as_the_sdk_logs_it(
    alone: Any, sink: OtlpSink, caplog: pytest.LogCaptureFixture
) -> None:
    span = alone.tracer.start_span("twice", start_time=1_000)
    assert type(span) is DirectSpan
    span.end(end_time=2_000)
    with caplog.at_level(logging.WARNING, "opentelemetry.sdk.trace"):
        span.end(end_time=3_000)
    assert [r.getMessage() for r in caplog.records] == ["Calling end() on an ended span."]
    body = posted(alone, sink)
    assert [s.end_time for s in alone.ended(body)] == [2_000]
    assert body == official(alone.ended(body)).SerializePartialToString()


def failing(tracer: Any, **flags: bool) -> None:
    with pytest.raises(ValueError), tracer.start_span("failing", **flags):
        raise ValueError("no")


@pytest.mark.parametrize("flags", [{}, {"record_exception": False}, {"set_status_on_exception": False}])
def test_an_exception_is_recorded_as_the_start_said(
    alone: Any, sink: OtlpSink, flags: dict[str, bool]
) -> None:
    memory = InMemorySpanExporter()
    reference = TracerProvider()
    reference.add_span_processor(SimpleSpanProcessor(memory))
    failing(reference.get_tracer("park"), **flags)
    failing(alone.tracer, **flags)
    assert type(alone.started[0]) is DirectSpan
    [ours], [theirs] = alone.ended(posted(alone, sink)), memory.get_finished_spans()
    assert [e.name for e in ours.events] == [e.name for e in theirs.events]
    assert (ours.status.status_code, ours.status.description) == (
        theirs.status.status_code,
        theirs.status.description,
    )


def test_a_current_span_of_another_class_is_read_by_its_get_span_context(alone: Any, sink: OtlpSink) -> None:
    class Foreign(trace.NonRecordingSpan):
        def get_span_context(self) -> trace.SpanContext:
            return trace.SpanContext(0xABC, 0xDEF, is_remote=True, trace_flags=trace.TraceFlags(1))

    outer = Foreign(trace.SpanContext(0x1, 0x2, is_remote=True, trace_flags=trace.TraceFlags(1)))
    with trace.use_span(outer):
        alone.tracer.start_span("child").end()
    [child] = alone.ended(posted(alone, sink))
    assert child.parent is not None and (child.parent.trace_id, child.parent.span_id) == (0xABC, 0xDEF)
