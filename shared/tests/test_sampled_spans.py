"""Spans under a parent-based sampler (telemetry/sampling.py), started by the suite's tracer of
a provider whose only processor is PARK_TELEMETRY=otlp's (the direct path) and by its general
steps: the SDK tracer's own spans, with the same ids drawn (the random draws scripted alike on
both sides). Every span started compared: recording or not, its ids, flags, trace state and
parent; what each side posts, byte for byte. A sampler the suite does not know is asked."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import SpanProcessor, Tracer, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import (
    ALWAYS_OFF,
    ALWAYS_ON,
    DEFAULT_OFF,
    DEFAULT_ON,
    Decision,
    ParentBased,
    ParentBasedTraceIdRatio,
    Sampler,
    SamplingResult,
    TraceIdRatioBased,
)
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags, TraceState
from park_shared.telemetry import otlp_spans, spans
from park_shared.telemetry.batching import OtlpBatchSpanProcessor
from park_shared.telemetry.context import parent_context, traceparent_of
from park_shared.telemetry.otlp import OtlpSpanExporter
from park_shared.telemetry.otlp_spans import start_direct
from park_shared.telemetry.sampling import root_bound
from park_shared.testing.otlp_sink import OtlpSink, otlp_sink

RATIO = 0.25
BOUND = TraceIdRatioBased.get_bound_for_rate(RATIO)
LOW = (1 << 64) - 1
EDGES = [BOUND - 1, BOUND, BOUND + 1, 0, 1, LOW, (1 << 63) - 1, 1 << 63]
"""Trace ids' low 64 bits on both sides of the bound (and of the other samplers')."""
STATE = TraceState([("vendor", "x")])
SAMPLED_RANDOM = TraceFlags.SAMPLED | TraceFlags.RANDOM_TRACE_ID


class Draws:
    """`random.getrandbits` scripted: trace ids (128 bits) with the low bits of `EDGES` first,
    then seeded draws; span ids seeded."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)
        self._edges = list(EDGES)

    def __call__(self, bits: int) -> int:
        drawn = self._random.getrandbits(bits)
        if bits == 128 and self._edges:
            return (drawn & ~LOW) | self._edges.pop(0)
        return drawn


Started = tuple[str, trace.Span, bool]
"""A span's name, the span, and whether it was recording when started."""


def scenario(tracer: trace.Tracer) -> list[Started]:
    """Roots on both sides of the bound; under each, local children (current, and a context
    given), remote children (the traceparent a message carries), and parents carrying a trace
    state, sampled or not, remote or local."""
    started: list[Started] = []

    def start(name: str, context: Any = None) -> trace.Span:
        span = tracer.start_span(name, context=context, attributes={"n": len(started)}, start_time=10)
        started.append((name, span, span.is_recording()))
        return span

    for n in range(len(EDGES) + 40):
        root = start(f"root {n}")
        with trace.use_span(root):
            child = start("child")
            start("grandchild", trace.set_span_in_context(child)).end(end_time=20)
            child.end(end_time=20)
        start("remote", parent_context(traceparent_of(root))).end(end_time=20)
        for remote in (False, True):
            for flags in (TraceFlags.DEFAULT, TraceFlags.SAMPLED, SAMPLED_RANDOM):
                ctx = root.get_span_context()
                parent = SpanContext(ctx.trace_id, 0xABC + n, remote, TraceFlags(flags), STATE)
                start("stated", trace.set_span_in_context(NonRecordingSpan(parent))).end(end_time=20)
        root.end(end_time=30)
    start("under an invalid parent", trace.set_span_in_context(trace.INVALID_SPAN)).end(end_time=20)
    return started


def started_of(started: Started) -> tuple[Any, ...]:
    """A span started: its name, whether it recorded, its context and its parent's (none for a
    span not recording: it has none to tell)."""
    name, span, recording = started
    parent = getattr(span, "_parent", None)
    kind = None if recording else type(span)  # a recording one's class is the suite's own
    return (name, recording, kind, tuple(span.get_span_context()), tuple(parent) if parent else None)


def sdk_tracer(sampler: Sampler, processor: SpanProcessor) -> tuple[TracerProvider, Tracer]:
    """A provider of `sampler` with `processor` its only one, and its SDK tracer."""
    provider = TracerProvider(sampler=sampler)
    provider.add_span_processor(processor)
    sdk = provider.get_tracer("park")
    assert isinstance(sdk, Tracer)
    return provider, sdk


def scripted_ids(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """Every id drawn, by the SDK and the suite alike, from one script."""
    draws = Draws(seed)
    for module in (random, otlp_spans, spans):
        monkeypatch.setattr(module, "getrandbits", draws)


def run(sampler: Sampler, sink: OtlpSink, lean: bool, monkeypatch: pytest.MonkeyPatch) -> list[Started]:
    scripted_ids(monkeypatch, 7)
    exporter = OtlpSpanExporter(endpoint=f"{sink.url}/v1/traces")
    provider, sdk = sdk_tracer(sampler, OtlpBatchSpanProcessor(exporter, schedule_delay_millis=600_000))
    started = scenario(spans.LeanTracer(sdk) if lean else sdk)
    assert provider.force_flush()
    provider.shutdown()
    return started


def requests(sink: OtlpSink) -> list[ExportTraceServiceRequest]:
    return [ExportTraceServiceRequest.FromString(body) for body in sink.received.get("/v1/traces", [])]


@pytest.fixture
def sinks() -> Iterator[tuple[OtlpSink, OtlpSink]]:
    with otlp_sink() as ours, otlp_sink() as theirs:
        yield ours, theirs


KNOWN = [
    ParentBased(TraceIdRatioBased(RATIO)),
    ParentBasedTraceIdRatio(0.5),
    DEFAULT_OFF,
    DEFAULT_ON,
]
UNKNOWN = [
    ParentBased(TraceIdRatioBased(RATIO), remote_parent_not_sampled=ALWAYS_ON),
    ParentBased(TraceIdRatioBased(RATIO), local_parent_sampled=ALWAYS_OFF),
    ParentBased(ALWAYS_ON, remote_parent_sampled=ALWAYS_OFF),
    ParentBased(ALWAYS_ON, local_parent_not_sampled=ALWAYS_ON),
    TraceIdRatioBased(RATIO),
    ALWAYS_OFF,
]


def sampler_id(sampler: Sampler) -> str:
    return sampler.get_description()


@pytest.mark.parametrize("sampler", KNOWN + UNKNOWN, ids=sampler_id)
def test_the_spans_started_and_posted_are_the_sdk_s(
    sampler: Sampler, sinks: tuple[OtlpSink, OtlpSink], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs = sinks
    lean = run(sampler, ours, True, monkeypatch)
    sdk = run(sampler, theirs, False, monkeypatch)
    assert [started_of(s) for s in lean] == [started_of(s) for s in sdk]
    assert requests(ours) == requests(theirs)
    assert any(recording for *_, recording in sdk) or sampler is ALWAYS_OFF
    assert not all(recording for *_, recording in sdk)


def test_the_scenario_starts_roots_on_both_sides_of_the_bound(
    sinks: tuple[OtlpSink, OtlpSink], monkeypatch: pytest.MonkeyPatch
) -> None:
    started = run(ParentBased(TraceIdRatioBased(RATIO)), sinks[0], False, monkeypatch)
    roots = [(s, recording) for name, s, recording in started if name.startswith("root")]
    assert [s.get_span_context().trace_id & LOW for s, _ in roots[: len(EDGES)]] == EDGES
    assert [recording for _, recording in roots[:3]] == [True, False, False]


class Counting(Sampler):
    """A sampler of the user's own: every decision asked of it (a span of a trace id whose low bit
    is set sampled, with an attribute and a trace state of its own)."""

    def __init__(self) -> None:
        self.asked = 0

    def should_sample(
        self,
        parent_context: Any,
        trace_id: int,
        name: str,
        kind: Any = None,
        attributes: Any = None,
        links: Sequence[Any] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        self.asked += 1
        if trace_id & 1:
            return SamplingResult(Decision.RECORD_AND_SAMPLE, {"mine": True}, TraceState([("own", "1")]))
        return SamplingResult(Decision.DROP, None, TraceState([("own", "0")]))

    def get_description(self) -> str:
        return "Counting"


def test_a_sampler_of_the_user_s_own_is_asked_for_every_span(
    sinks: tuple[OtlpSink, OtlpSink], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs = Counting(), Counting()
    lean = run(ours, sinks[0], True, monkeypatch)
    sdk = run(theirs, sinks[1], False, monkeypatch)
    assert ours.asked == theirs.asked == len(lean)
    assert [started_of(s) for s in lean] == [started_of(s) for s in sdk]
    assert requests(sinks[0]) == requests(sinks[1])


@pytest.mark.parametrize("sampler", KNOWN, ids=sampler_id)
def test_a_known_sampler_s_spans_start_without_the_general_steps(
    sampler: Sampler, sinks: tuple[OtlpSink, OtlpSink], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_: Any, **__: Any) -> None:
        raise AssertionError("the general start")

    def not_asked(*_: Any, **__: Any) -> None:
        raise AssertionError("the sampler asked")

    provider, sdk = sdk_tracer(
        sampler, OtlpBatchSpanProcessor(OtlpSpanExporter(endpoint=f"{sinks[0].url}/v1/traces"))
    )
    tracer = spans.LeanTracer(sdk)
    assert tracer.start_span.__func__ is start_direct  # type: ignore[attr-defined]
    monkeypatch.setattr(spans.LeanTracer, "_start_span", refused)
    monkeypatch.setattr(type(sampler), "should_sample", not_asked)
    scenario(tracer)
    provider.shutdown()


@pytest.mark.parametrize("sampler", KNOWN + UNKNOWN, ids=sampler_id)
def test_the_general_steps_decide_as_the_sdk_under_another_processor(
    sampler: Sampler, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A provider with another processor: the general steps, the decision written out for a
    known sampler; the spans and what they export the SDK's."""
    exported = []
    for lean in (True, False):
        scripted_ids(monkeypatch, 11)
        memory = InMemorySpanExporter()
        _, sdk = sdk_tracer(sampler, SimpleSpanProcessor(memory))
        started = scenario(spans.LeanTracer(sdk) if lean else sdk)
        ended = [
            (s.name, tuple(s.context or ()), tuple(s.parent or ()), s.attributes)
            for s in memory.get_finished_spans()
        ]
        exported.append(([started_of(s) for s in started], ended))
    assert exported[0] == exported[1]


def test_the_known_samplers_and_their_bounds() -> None:
    assert root_bound(DEFAULT_ON) == 1 << 64
    assert root_bound(DEFAULT_OFF) == 0
    assert root_bound(ParentBased(TraceIdRatioBased(RATIO))) == BOUND
    assert root_bound(ParentBasedTraceIdRatio(1.0)) == 1 << 64
    assert [root_bound(s) for s in UNKNOWN] == [None] * len(UNKNOWN)
    assert root_bound(Counting()) is None


def lazily(tracer: Any, made: list[int]) -> list[Started]:
    """Spans started by `start_span_lazily` (roots on both sides of the bound, children of
    sampled and unsampled parents), each attribute made counted."""
    started: list[Started] = []

    def attributes() -> dict[str, Any]:
        made.append(len(started))
        return {"n": len(started), "ok": True}

    for n in range(len(EDGES) + 10):
        for flags in (None, TraceFlags.DEFAULT, TraceFlags.SAMPLED):
            parent = None
            if flags is not None:
                remote = SpanContext(n + 1, n + 1, True, TraceFlags(flags), STATE)
                parent = trace.set_span_in_context(NonRecordingSpan(remote))
            span = tracer.start_span_lazily(f"lazy {n}", parent, trace.SpanKind.SERVER, attributes)
            started.append((f"lazy {n}", span, span.is_recording()))
            span.end(end_time=20)
    return started


def eagerly(tracer: Any, name: str, context: Any, kind: Any, attributes: Any) -> trace.Span:
    span: trace.Span = tracer.start_span(name, context, kind, attributes())
    return span


@pytest.mark.parametrize("sampler", [ParentBased(TraceIdRatioBased(RATIO)), Counting()], ids=sampler_id)
def test_attributes_made_lazily_are_made_for_the_spans_recorded_or_a_sampler_asked(
    sampler: Sampler, sinks: tuple[OtlpSink, OtlpSink], monkeypatch: pytest.MonkeyPatch
) -> None:
    posted = []
    for sink, lazy in zip(sinks, (True, False), strict=True):
        scripted_ids(monkeypatch, 3)
        provider, sdk = sdk_tracer(
            sampler, OtlpBatchSpanProcessor(OtlpSpanExporter(endpoint=f"{sink.url}/v1/traces"))
        )
        tracer = spans.LeanTracer(sdk)
        made: list[int] = []
        if not lazy:  # start_span given the attributes made each time
            tracer.start_span_lazily = partial(eagerly, tracer)  # type: ignore[method-assign]
        started = lazily(tracer, made)
        provider.shutdown()
        if lazy and isinstance(sampler, Counting):
            assert len(made) == len(started) == sampler.asked  # the sampler asked each time
        elif lazy:
            assert len(made) == sum(recording for *_, recording in started) < len(started)
        exported = [
            (s.name, s.trace_id, s.span_id, s.parent_span_id, s.flags, s.kind, list(s.attributes))
            for r in requests(sink)
            for rs in r.resource_spans
            for ss in rs.scope_spans
            for s in ss.spans
        ]
        posted.append(([started_of(s) for s in started], exported))
    assert posted[0] == posted[1]
