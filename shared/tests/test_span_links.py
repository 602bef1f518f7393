"""A link that several spans take (the relay's publish spans of one batch, all linked to the
batch's span by one `Link`) is taken and written for each as for the first: the spans equal the
SDK tracer's, and their bytes posted equal the official encoder's (telemetry/recording.py's and
telemetry/otlp_recorded.py's last link kept)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans as official
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.trace import INVALID_SPAN_CONTEXT, Link, SpanKind
from park_shared.telemetry.otlp_spans import DirectSpan
from park_shared.testing.modules import module_at
from park_shared.testing.otlp_sink import OtlpSink, otlp_sink

_lean = module_at(Path(__file__).with_name("test_lean_spans.py"), "park_lean_span_scenarios")
_batching = module_at(Path(__file__).with_name("test_otlp_batching.py"), "park_otlp_batching")


def one_link_for_a_batch(tracer: trace.Tracer) -> None:
    batch = tracer.start_span("outbox relay park.events", attributes={"park.events": 3})
    links = [Link(batch.get_span_context(), {"park.why": "batch", "park.n": 1})]
    for n in range(3):
        tracer.start_span(f"publish {n}", kind=SpanKind.PRODUCER, links=links).end()
    tracer.start_span("publish alone", kind=SpanKind.PRODUCER, links=[Link(batch.get_span_context())]).end()
    tracer.start_span("publish again", kind=SpanKind.PRODUCER, links=links).end()
    batch.end()


def a_link_invalid_then_valid(tracer: trace.Tracer) -> None:
    """A link to no span, without attributes, is left out; given some after, it is taken."""
    attributes: dict[str, Any] = {}
    link = Link(INVALID_SPAN_CONTEXT, attributes)
    tracer.start_span("before", links=[link]).end()
    attributes["park.why"] = "now"
    tracer.start_span("after", links=[link]).end()
    tracer.start_span("after again", links=[link]).end()


SCENARIOS: list[Callable[[trace.Tracer], None]] = [one_link_for_a_batch, a_link_invalid_then_valid]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_the_spans_of_one_link_are_the_sdk_s(scenario: Callable[[trace.Tracer], None]) -> None:
    assert _lean.emitted(scenario, lean=True) == _lean.emitted(scenario, lean=False)
    assert _lean.emitted(scenario, lean=True, max_link_attributes=1) == _lean.emitted(
        scenario, lean=False, max_link_attributes=1
    )


@pytest.fixture
def sink() -> Iterator[OtlpSink]:
    with otlp_sink() as found:
        yield found


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_alone_they_post_the_official_bytes(sink: OtlpSink, scenario: Callable[[trace.Tracer], None]) -> None:
    alone = _batching.Alone(_batching.processor(sink))
    scenario(alone.tracer)
    assert all(type(s) is DirectSpan for s in alone.started)
    assert alone.provider.force_flush()
    [body] = sink.received["/v1/traces"]
    assert body == official(alone.ended(body)).SerializePartialToString()
    alone.provider.shutdown()


def test_a_link_taken_under_other_limits_is_written_as_it_is_then(sink: OtlpSink) -> None:
    """One `Link` given to the spans of two providers, the second bounding link attributes."""
    first, second = _batching.Alone(_batching.processor(sink)), _batching.Alone(_batching.processor(sink))
    second.provider._span_limits = _lean.SpanLimits(max_link_attributes=1)
    second.tracer._span_limits = second.provider._span_limits
    batch = first.tracer.start_span("batch")
    link = Link(batch.get_span_context(), {"a": 1, "b": 2})
    for alone in (first, second, first, second):
        alone.tracer.start_span("publish", links=[link]).end()
    batch.end()
    for alone in (first, second):
        posted_before = len(sink.received.get("/v1/traces", []))
        assert alone.provider.force_flush()
        body = sink.received["/v1/traces"][posted_before]
        assert body == official(alone.ended(body)).SerializePartialToString()
        alone.provider.shutdown()


def test_a_link_bounded_again_by_the_sdk_s_span_in_between_is_taken_and_written_anew(sink: OtlpSink) -> None:
    """The SDK's span bounds a link's attributes again (a new object, its own limits): a span of
    the suite's taking that link next takes and writes it as it is then, as the SDK's would."""
    alone = _batching.Alone(_batching.processor(sink))
    reference = _lean.TracerProvider()
    memory = _lean.InMemorySpanExporter()
    reference.add_span_processor(_lean.SimpleSpanProcessor(memory))
    other = _lean.TracerProvider(span_limits=_lean.SpanLimits(max_link_attributes=1))
    expected, found = [], []
    for tracer in (reference.get_tracer("park"), alone.tracer):
        link = Link(alone.tracer.start_span("batch").get_span_context(), {"a": 1, "b": 2})
        for n in range(3):
            tracer.start_span(f"publish {n}", links=[link]).end()
            if tracer is alone.tracer:
                assert alone.provider.force_flush()
                request = ExportTraceServiceRequest.FromString(sink.received["/v1/traces"][-1])
                written = request.resource_spans[0].scope_spans[0].spans[0].links[0]
                found.append(
                    (
                        [(a.key, a.value.int_value) for a in written.attributes],
                        written.dropped_attributes_count,
                    )
                )
            else:
                taken = memory.get_finished_spans()[-1].links[0]
                expected.append((list((taken.attributes or {}).items()), taken.dropped_attributes))
            other.get_tracer("instrumentation").start_span("its own", links=[link]).end()
    assert found == expected
    assert [len(attributes) for attributes, _ in found] == [2, 1, 1]  # the SDK's bounding showed through
    alone.provider.shutdown()


def test_a_link_taken_by_two_providers_is_taken_under_each_one_s_limits() -> None:
    def spans(lean: bool) -> list[list[Any]]:
        found = []
        providers = [_lean.TracerProvider(), _lean.TracerProvider(span_limits=_lean.SpanLimits(max_links=0))]
        tracers = []
        for provider in providers:
            memory = _lean.InMemorySpanExporter()
            provider.add_span_processor(_lean.SimpleSpanProcessor(memory))
            sdk = provider.get_tracer("park")
            tracers.append((_lean.LeanTracer(sdk) if lean else sdk, memory))
        link = Link(tracers[0][0].start_span("batch").get_span_context(), {"a": 1})
        for tracer, memory in tracers + tracers:
            tracer.start_span("publish", links=[link]).end()
            ended = memory.get_finished_spans()[-1]
            found.append([ended.dropped_links, [dict(x.attributes or {}) for x in ended.links]])
        return found

    assert spans(lean=True) == spans(lean=False) == [[0, [{"a": 1}]], [1, []]] * 2
