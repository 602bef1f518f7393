"""The trace context as the core carries it (telemetry/context.py, telemetry/outbox.py, the
command context): what it reads from a traceparent is what the W3C propagator reads, a context
given a traceparent keeps every other field, and the relay's publish spans end as an ExitStack
of them ended them."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from opentelemetry import context, trace
from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanContext, StatusCode, TraceFlags, TraceState
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from park_shared.events import EventMeta, RecordedEvent
from park_shared.handler import CommandContext
from park_shared.telemetry import context as telemetry_context
from park_shared.telemetry.context import parent_context, traceparent_of
from park_shared.telemetry.outbox import published_messages

PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
TRACEPARENTS = [
    PARENT,
    PARENT[:-2] + "00",
    PARENT[:-2] + "ff",
    PARENT[:-2] + "7e",
    PARENT + "-more",
    "01" + PARENT[2:] + "-more",
    "ff" + PARENT[2:],
    " \t" + PARENT + " ",
    PARENT + "\n",
    PARENT.upper(),
    PARENT.replace("0af7651916cd43dd8448eb211c80319c", "0" * 32),
    PARENT.replace("b7ad6b7169203331", "0" * 16),
    PARENT[:-1],
    "not a traceparent",
    "",
]


@pytest.mark.parametrize("traceparent", TRACEPARENTS)
def test_a_traceparent_reads_as_the_w3c_propagator_reads_it(traceparent: str) -> None:
    ours = parent_context(traceparent)
    theirs = TraceContextTextMapPropagator().extract({"traceparent": traceparent})
    if not traceparent:
        assert ours is None
        return
    assert ours is not None
    assert list(ours) == list(theirs)
    found, expected = trace.get_current_span(ours), trace.get_current_span(theirs)
    assert type(found) is type(expected)
    assert found.get_span_context() == expected.get_span_context()
    assert type(found.get_span_context().trace_flags) is type(expected.get_span_context().trace_flags)


@pytest.mark.parametrize("flags", [0, 1, 2, 3, 0x7E, 0xFF])
def test_a_traceparent_written_here_reads_back_as_the_w3c_propagator_reads_it(flags: int) -> None:
    state = TraceState([("vendor", "v")])  # not in a traceparent: read back as the empty one
    ids = (0x0AF7651916CD43DD8448EB211C80319C, 0xB7)
    span = trace.NonRecordingSpan(SpanContext(*ids, False, TraceFlags(flags), state))
    injected: dict[str, str] = {}
    TraceContextTextMapPropagator().inject(injected, context=trace.set_span_in_context(span))
    written = traceparent_of(span)
    assert written == injected["traceparent"]
    kept = telemetry_context._written[written]  # read back without the pattern:
    telemetry_context._written[written] = (kept[0], 0x1234, kept[2])
    assert trace.get_current_span(parent_context(written)).get_span_context().span_id == 0x1234
    telemetry_context._written[written] = kept
    test_a_traceparent_reads_as_the_w3c_propagator_reads_it(written)
    telemetry_context._written.clear()
    test_a_traceparent_reads_as_the_w3c_propagator_reads_it(written)


def test_a_traceparent_of_ids_out_of_range_is_not_kept() -> None:
    for ids, flags in [((0, 0xB7), 1), ((2**128, 0xB7), 1), ((0x0AF7, 2**64), 1), ((0x0AF7, 0xB7), 0x100)]:
        span = trace.NonRecordingSpan(SpanContext(*ids, False, TraceFlags(flags)))
        written = traceparent_of(span)
        assert written is not None and written not in telemetry_context._written
        test_a_traceparent_reads_as_the_w3c_propagator_reads_it(written)


def test_a_context_given_a_traceparent_keeps_every_other_field() -> None:
    values = {f.name: f"value of {f.name}" for f in dataclasses.fields(CommandContext)}
    context = CommandContext(**values)
    assert context.with_traceparent(PARENT) == dataclasses.replace(context, traceparent=PARENT)
    assert CommandContext().with_traceparent(PARENT).traceparent == PARENT


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(telemetry_context, "_tracer", provider.get_tracer("park-test"))
    monkeypatch.setattr("park_shared.telemetry.outbox.tracing_enabled", lambda: True)
    yield exporter
    provider.shutdown()


def events(count: int) -> list[RecordedEvent]:
    found = []
    for n in range(count):
        meta = EventMeta(f"e-{n}", "2026-01-01T00:00:00Z", "c", "c", traceparent=PARENT if n else None)
        found.append(RecordedEvent(n + 1, f"s-{n}", 1, f"park.t.Done{n}.v1", b"{}", meta.to_json()))
    return found


def names(found: tuple[ReadableSpan, ...]) -> list[str]:
    return [span.name for span in found]


def test_the_publish_spans_end_last_first_then_the_batch(spans: InMemorySpanExporter) -> None:
    with published_messages("svc", "t", events(3)) as messages:
        pass
    found = spans.get_finished_spans()
    assert names(found) == [
        "publish park.t.Done2.v1",
        "publish park.t.Done1.v1",
        "publish park.t.Done0.v1",
        "outbox relay t",
    ]
    assert all(span.status.status_code is StatusCode.UNSET for span in found)
    carried = [m.header("traceparent") for m in messages]
    assert carried == [traceparent_of(_live(span)) for span in reversed(found[:3])]


def test_a_failed_send_is_recorded_on_every_publish_span_and_the_batch(spans: InMemorySpanExporter) -> None:
    with pytest.raises(OSError), published_messages("svc", "t", events(2)):
        raise OSError("the broker is gone")
    found = spans.get_finished_spans()
    assert names(found) == ["publish park.t.Done1.v1", "publish park.t.Done0.v1", "outbox relay t"]
    for span in found:
        assert span.status.status_code is StatusCode.ERROR
        assert span.status.description == "OSError: the broker is gone"
        assert [e.name for e in span.events] == ["exception"]


def test_a_cancelled_send_is_recorded_on_the_publish_spans_only(spans: InMemorySpanExporter) -> None:
    with pytest.raises(KeyboardInterrupt), published_messages("svc", "t", events(1)):
        raise KeyboardInterrupt
    publish, batch = spans.get_finished_spans()
    assert publish.status.status_code is StatusCode.ERROR and batch.status.status_code is StatusCode.UNSET


def _live(span: ReadableSpan) -> trace.Span:
    return trace.NonRecordingSpan(span.get_span_context())  # type: ignore[arg-type]


@contextmanager
def _outer_and_expected(span: trace.Span, given: Context | None) -> Iterator[tuple[Context, Context]]:
    """Inside an outer context: that context, and the one the API makes current when it attaches
    `span` in `given` (or in the current context)."""
    token = context.attach(Context({"outer": 1}))
    try:
        before = context.get_current()
        expected_token = context.attach(trace.set_span_in_context(span, given))
        expected = context.get_current()
        context.detach(expected_token)
        yield before, expected
    finally:
        context.detach(token)


@pytest.mark.parametrize("parent", [None, "given"])
def test_a_span_attached_is_current_as_the_api_attaches_it_and_detached_restores(parent: str | None) -> None:
    span = trace.NonRecordingSpan(trace.SpanContext(1, 2, is_remote=False))
    given = Context({"k": "v"}) if parent else None
    with _outer_and_expected(span, given) as (before, expected):
        attached = telemetry_context.attach_span(span, given)
        assert context.get_current() == expected and trace.get_current_span() is span
        telemetry_context.detach(attached)
        assert context.get_current() is before


def test_a_token_detached_twice_is_logged_as_the_api_logs_it(caplog: pytest.LogCaptureFixture) -> None:
    token = telemetry_context.attach_span(trace.INVALID_SPAN)
    telemetry_context.detach(token)
    telemetry_context.detach(token)
    assert [(r.name, r.message) for r in caplog.records] == [
        ("opentelemetry.context", "Failed to detach context")
    ]


@pytest.mark.parametrize("traced", [True, False])
def test_each_event_s_metadata_is_read_once_to_publish_it(
    spans: InMemorySpanExporter, monkeypatch: pytest.MonkeyPatch, traced: bool
) -> None:
    monkeypatch.setattr("park_shared.telemetry.outbox.tracing_enabled", lambda: traced)
    reads: list[str] = []
    meta_of = RecordedEvent.meta.fget
    assert meta_of is not None

    def counted(event: RecordedEvent) -> EventMeta:
        reads.append(event.stream_id)
        return meta_of(event)

    monkeypatch.setattr(RecordedEvent, "meta", property(counted))
    with published_messages("svc", "t", events(3)):
        pass
    assert sorted(reads) == ["s-0", "s-1", "s-2"]


@pytest.mark.parametrize("parent", [None, "given"])
def test_a_current_span_is_current_as_the_api_attaches_it_and_its_exit_restores(parent: str | None) -> None:
    span = trace.NonRecordingSpan(trace.SpanContext(1, 2, is_remote=False))
    given = Context({"k": "v"}) if parent else None
    with _outer_and_expected(span, given) as (before, expected):
        with telemetry_context.CurrentSpan(span, given) as entered:
            assert entered is span
            assert context.get_current() == expected and trace.get_current_span() is span
        assert context.get_current() is before


def test_a_current_span_left_twice_is_logged_as_the_api_logs_it(caplog: pytest.LogCaptureFixture) -> None:
    current = telemetry_context.CurrentSpan(trace.INVALID_SPAN)
    with current:
        pass
    current.__exit__(None, None, None)
    assert [(r.name, r.message) for r in caplog.records] == [
        ("opentelemetry.context", "Failed to detach context")
    ]


def test_tracing_is_enabled_as_the_api_s_provider_says(monkeypatch: pytest.MonkeyPatch) -> None:
    from opentelemetry.sdk.trace import TracerProvider as SdkProvider

    def expected() -> bool:
        return isinstance(trace.get_tracer_provider(), SdkProvider)

    for provider in (None, SdkProvider(), trace.NoOpTracerProvider()):
        monkeypatch.setattr(trace, "_TRACER_PROVIDER", provider)
        assert telemetry_context.tracing_enabled() is expected()


def test_traceparents_of_many_ids_are_the_w3c_propagator_s() -> None:
    draw = random.Random(5)
    for bits in range(1, 129):
        trace_id, span_id = draw.getrandbits(bits) or 1, draw.getrandbits(min(bits, 64)) or 1
        flags = TraceFlags(draw.getrandbits(8))
        for span in (
            trace.NonRecordingSpan(SpanContext(trace_id, span_id, False, flags)),
            _Foreign(SpanContext(trace_id, span_id, True, flags)),
        ):
            injected: dict[str, str] = {}
            TraceContextTextMapPropagator().inject(injected, context=trace.set_span_in_context(span))
            assert traceparent_of(span) == injected["traceparent"]


class _Foreign(trace.NonRecordingSpan):
    """A span of another class: read by its get_span_context."""


def test_a_span_of_a_class_of_its_own_is_ended_when_its_block_is_left() -> None:
    ended: list[trace.Span] = []

    class Own(trace.NonRecordingSpan):
        def end(self, end_time: int | None = None) -> None:
            ended.append(self)

    span = Own(SpanContext(1, 2, False))
    with telemetry_context.CurrentSpan(span):
        pass
    assert ended == [span]
