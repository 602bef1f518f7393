"""PARK_TELEMETRY=otlp's span processor (telemetry/batching.py) posts the bytes the official
exporter would post for the same batches of spans: the suite's span shapes, odd values, several
resources and scopes; a full batch without waiting, the rest on a flush or at shutdown; a full
queue drops spans rather than blocking, and no failure reaches the code that ends a span."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans as official
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, Tracer, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExportResult
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from park_shared.telemetry import batching
from park_shared.telemetry.batching import OtlpBatchSpanProcessor
from park_shared.telemetry.otlp import OtlpSpanExporter
from park_shared.telemetry.otlp_recorded import recorded_span_bytes
from park_shared.telemetry.otlp_spans import DirectSpan
from park_shared.telemetry.recording import RecordingSpan
from park_shared.telemetry.setup import _provider
from park_shared.telemetry.spans import LeanTracer
from park_shared.testing.modules import module_at
from park_shared.testing.otlp_sink import OtlpSink, otlp_sink

Scenario = Callable[[Any], None]
_scenarios = module_at(Path(__file__).with_name("test_lean_spans.py"), "park_lean_span_scenarios")
SCENARIOS: list[Scenario] = _scenarios.SCENARIOS


@pytest.fixture
def sink() -> Iterator[OtlpSink]:
    with otlp_sink() as found:
        yield found


def posted(sink: OtlpSink) -> list[bytes]:
    return sink.received.get("/v1/traces", [])


class Traced:
    """A provider whose spans go both to memory (as they ended) and through the processor."""

    def __init__(self, processor: OtlpBatchSpanProcessor, resource: str = "investment") -> None:
        self.memory = InMemorySpanExporter()
        self.provider = TracerProvider(resource=Resource.create({"service.name": resource}))
        self.provider.add_span_processor(SimpleSpanProcessor(self.memory))
        self.provider.add_span_processor(processor)

    def tracer(self, name: str = "park", lean: bool = True, **scope: Any) -> Any:
        sdk = self.provider.get_tracer(name, **scope)
        assert isinstance(sdk, Tracer)
        return LeanTracer(sdk) if lean else sdk

    def ended(self) -> list[ReadableSpan]:
        return list(self.memory.get_finished_spans())


def processor(sink: OtlpSink, **settings: Any) -> OtlpBatchSpanProcessor:
    settings.setdefault("schedule_delay_millis", 600_000)  # no batch by the timer in a test
    return OtlpBatchSpanProcessor(OtlpSpanExporter(endpoint=f"{sink.url}/v1/traces"), **settings)


def spans_of(body: bytes) -> list[str]:
    request = ExportTraceServiceRequest.FromString(body)
    return [s.name for rs in request.resource_spans for ss in rs.scope_spans for s in ss.spans]


@pytest.mark.parametrize("lean", [False, True], ids=["sdk", "lean"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_a_flush_posts_the_official_bytes_of_the_spans_ended(
    sink: OtlpSink, scenario: Scenario, lean: bool
) -> None:
    traced = Traced(processor(sink))
    scenario(traced.tracer("park", lean, instrumenting_library_version="1.0", attributes={"a": 1}))
    assert posted(sink) == []
    assert traced.provider.force_flush()
    sampled = [s for s in traced.ended() if s.context and s.context.trace_flags.sampled]
    assert sampled
    assert posted(sink) == [official(sampled).SerializePartialToString()]


def test_what_its_encoder_does_not_write_is_written_officially(sink: OtlpSink) -> None:
    traced = Traced(processor(sink))
    tracer = traced.tracer(lean=False)
    tracer.start_span("plain", attributes={"n": 1}).end()
    span = tracer.start_span("odd")
    span._attributes._dict["too large"] = 2**64  # past the SDK's checks: the official encoder drops it
    span.end()
    tracer.start_span("plain again", kind=SpanKind.CLIENT).end()
    traced.provider.force_flush()
    assert posted(sink) == [official(traced.ended()).SerializePartialToString()]


def test_resources_and_scopes_are_grouped_as_the_official_exporter_groups_them(sink: OtlpSink) -> None:
    shared = processor(sink)
    one, other = Traced(shared, "one"), Traced(shared, "other")
    for traced, name in ((one, "park"), (other, "park"), (one, "aiokafka"), (other, "park"), (one, "park")):
        traced.tracer(name).start_span(f"{traced.provider.resource.attributes['service.name']} {name}").end()
    shared.force_flush()
    ended = one.ended() + other.ended()
    in_order = sorted(ended, key=lambda s: s.end_time or 0)
    assert posted(sink) == [official(in_order).SerializePartialToString()]
    assert spans_of(posted(sink)[0]) == ["one park", "one park", "one aiokafka", "other park", "other park"]


def wait_for(found: Callable[[], bool]) -> None:
    """Until `found()` (what the export thread does is not timed here; a stuck one fails)."""
    deadline = time.monotonic() + 10
    while not found():
        assert time.monotonic() < deadline, "the export thread did not post"
        time.sleep(0.01)


def test_a_full_batch_is_posted_without_a_flush_the_rest_with_one(sink: OtlpSink) -> None:
    traced = Traced(processor(sink, max_export_batch_size=4))
    tracer = traced.tracer()
    for n in range(10):
        tracer.start_span(f"span {n}").end()
    wait_for(lambda: len(posted(sink)) == 2)
    assert [spans_of(body) for body in posted(sink)] == [
        [f"span {n}" for n in r] for r in (range(4), range(4, 8))
    ]
    traced.provider.force_flush()
    ended = traced.ended()
    batches = (ended[:4], ended[4:8], ended[8:])
    assert posted(sink) == [official(b).SerializePartialToString() for b in batches]


def test_the_timer_posts_what_is_queued(sink: OtlpSink) -> None:
    traced = Traced(processor(sink, schedule_delay_millis=50))
    traced.tracer().start_span("alone").end()
    wait_for(lambda: len(posted(sink)) == 1)
    assert posted(sink) == [official(traced.ended()).SerializePartialToString()]


def test_shutdown_posts_what_is_left_then_takes_no_more(sink: OtlpSink) -> None:
    traced = Traced(processor(sink))
    tracer = traced.tracer()
    tracer.start_span("before").end()
    traced.provider.shutdown()
    tracer.start_span("after").end()
    assert [spans_of(body) for body in posted(sink)] == [["before"]]


class Held(OtlpSpanExporter):
    """Its first post waits until let go."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sending, self.go = threading.Event(), threading.Event()

    def send(self, count: int, body: Callable[[], bytes]) -> SpanExportResult:
        self.sending.set()
        self.go.wait(10)
        return super().send(count, body)


def test_a_full_queue_drops_spans_rather_than_wait(sink: OtlpSink, caplog: pytest.LogCaptureFixture) -> None:
    held = Held(endpoint=f"{sink.url}/v1/traces")
    traced = Traced(OtlpBatchSpanProcessor(held, max_queue_size=4, max_export_batch_size=2))
    tracer = traced.tracer()
    tracer.start_span("0").end()
    tracer.start_span("1").end()
    assert held.sending.wait(10)  # the thread holds the first batch
    for n in range(2, 9):
        tracer.start_span(str(n)).end()  # returns at once: 2-5 queued, 6-8 dropped
    with caplog.at_level(logging.WARNING, logger=batching.__name__):
        held.go.set()
        traced.provider.force_flush()
    assert [name for body in posted(sink) for name in spans_of(body)] == [str(n) for n in range(6)]
    assert "3 spans dropped" in caplog.text


def test_no_failure_reaches_the_code_ending_a_span(
    sink: OtlpSink, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def failing(*_: Sequence[Any]) -> bytes:
        raise RuntimeError("no")

    traced = Traced(processor(sink))
    tracer = traced.tracer(lean=False)
    monkeypatch.setattr(batching, "official_span_bytes", failing)
    monkeypatch.setattr(batching, "request_body", failing)
    span = tracer.start_span("odd")
    span._attributes._dict["too large"] = 2**64
    span.end()
    tracer.start_span("plain").end()
    assert traced.provider.force_flush()
    assert posted(sink) == []
    assert "Failed to encode span odd" in caplog.text
    assert "Failed to encode span batch" in caplog.text


def test_park_telemetry_otlp_installs_it(monkeypatch: pytest.MonkeyPatch, sink: OtlpSink) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", sink.url)
    provider = _provider("investment", "otlp", None)
    processors = provider._active_span_processor._span_processors
    assert [type(p) for p in processors] == [OtlpBatchSpanProcessor]
    assert isinstance(processors[0], OtlpBatchSpanProcessor)
    assert isinstance(processors[0].exporter, OtlpSpanExporter)
    provider.shutdown()


class Alone:
    """A provider whose only span processor is the OTLP one (as PARK_TELEMETRY=otlp installs
    it), and the suite's tracer of it keeping every span it starts."""

    def __init__(self, processor: OtlpBatchSpanProcessor, **scope: Any) -> None:
        self.provider = TracerProvider()
        self.provider.add_span_processor(processor)
        sdk = self.provider.get_tracer("park", **scope)
        assert isinstance(sdk, Tracer)
        self.tracer = LeanTracer(sdk)
        self.started: list[Any] = []
        start = self.tracer.start_span

        def keeping(*args: Any, **kwargs: Any) -> Any:
            span = start(*args, **kwargs)
            self.started.append(span)
            return span

        self.tracer.start_span = keeping  # type: ignore[method-assign]

    def ended(self, body: bytes) -> list[ReadableSpan]:
        """The spans started that were sampled, as the SDK's span would hand them over, in the
        order of `body`'s spans (each exactly once)."""
        sampled = {
            s.get_span_context().span_id: s._readable()
            for s in self.started
            if isinstance(s, RecordingSpan) and s.get_span_context().trace_flags.sampled
        }
        request = ExportTraceServiceRequest.FromString(body)
        order = [
            int.from_bytes(s.span_id, "big")
            for rs in request.resource_spans
            for ss in rs.scope_spans
            for s in ss.spans
        ]
        assert sorted(order) == sorted(sampled)
        return [sampled[span_id] for span_id in order]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_alone_a_span_ends_straight_into_the_official_bytes(sink: OtlpSink, scenario: Scenario) -> None:
    otlp = processor(sink)
    recorded: list[Any] = []
    on_recorded = otlp.on_recorded

    def recording(span: Any, *args: Any) -> None:
        recorded.append(span)
        on_recorded(span, *args)

    otlp.on_recorded = recording  # type: ignore[method-assign]
    alone = Alone(otlp, instrumenting_library_version="1.0", attributes={"a": 1})
    scenario(alone.tracer)
    direct = [s for s in alone.started if type(s) is DirectSpan]
    assert direct  # the direct path was taken
    plain = [s for s in direct if type(s._attributes) is dict and s._events == () and type(s._links) is tuple]
    assert sorted(map(id, recorded)) == sorted(map(id, plain))  # ended straight in, no ReadableSpan made
    assert all(recorded_span_bytes(s) is not None for s in plain)  # written without the official encoder
    assert alone.provider.force_flush()
    [body] = posted(sink)
    assert body == official(alone.ended(body)).SerializePartialToString()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_alone_the_spans_are_the_sdk_s(sink: OtlpSink, scenario: Scenario) -> None:
    """Every field `test_lean_spans.py` compares, against the SDK tracer's own spans."""
    alone = Alone(processor(sink))
    scenario(alone.tracer)
    alone.provider.force_flush()
    [body] = posted(sink)
    ended = alone.ended(body)
    names = {s.context.span_id: s.name for s in ended if s.context}
    assert [_scenarios.fields(s, names) for s in ended] == _scenarios.emitted(scenario, lean=False)


def test_alone_the_suite_s_spans_start_without_the_general_steps(
    sink: OtlpSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The suite's shapes (a server span under a remote parent, its children, a new trace, a
    link): each started by the direct path, and the same bytes."""

    def refused(*_: Any, **__: Any) -> None:
        raise AssertionError("the general start")

    monkeypatch.setattr(LeanTracer, "_start_span", refused)
    alone = Alone(processor(sink))
    _scenarios.a_request(alone.tracer)
    alone.tracer.start_span("a new trace", kind=SpanKind.CONSUMER, attributes={"park.events": 2}).end()
    alone.provider.force_flush()
    [body] = posted(sink)
    assert len(spans_of(body)) == 6
    assert body == official(alone.ended(body)).SerializePartialToString()


def test_a_key_of_many_values_is_written_as_the_official_encoder_writes_it(sink: OtlpSink) -> None:
    """A key that has had more values than are kept (a stream id): its later values, short and
    long, and a value of another type, still the official bytes."""
    alone = Alone(processor(sink))
    for i in range(200):
        value: Any = f"{i:03d}" + "x" * (i % 130) if i % 7 else i  # lengths each side of one byte's
        alone.tracer.start_span("append", attributes={"park.many_stream_id": value, "a": "b"}).end()
    alone.provider.force_flush()
    [body] = posted(sink)
    assert len(spans_of(body)) == 200
    assert body == official(alone.ended(body)).SerializePartialToString()


def test_a_name_given_to_spans_of_other_kinds_is_written_with_each_one_s_kind(sink: OtlpSink) -> None:
    alone = Alone(processor(sink))
    for kind in (SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.INTERNAL, SpanKind.CONSUMER):
        alone.tracer.start_span("one name", kind=kind).end()
    alone.provider.force_flush()
    [body] = posted(sink)
    assert body == official(alone.ended(body)).SerializePartialToString()


def test_a_processor_added_later_gets_every_span_from_then_on(sink: OtlpSink) -> None:
    alone = Alone(processor(sink))
    tracer = alone.tracer
    tracer.start_span("before").end()
    open_then = tracer.start_span("open when added")
    memory = InMemorySpanExporter()
    alone.provider.add_span_processor(SimpleSpanProcessor(memory))
    open_then.end()
    tracer.start_span("after", kind=SpanKind.CLIENT, attributes={"n": 1}).end()
    assert [type(s) for s in alone.started] == [DirectSpan, DirectSpan, RecordingSpan]
    assert [s.name for s in memory.get_finished_spans()] == ["open when added", "after"]
    alone.provider.force_flush()
    [body] = posted(sink)
    assert spans_of(body) == ["before", "open when added", "after"]
    assert body == official(alone.ended(body)).SerializePartialToString()
