"""The suite's leaner span start (telemetry/spans.py) emits the spans the SDK's own tracer
emits: the same scenario run through each, every exported field compared but the ids and
the times (a new trace's ids are random; a child's trace id is its parent's either way)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, SpanLimits, Tracer, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, DEFAULT_ON, ParentBased, Sampler, TraceIdRatioBased
from opentelemetry.trace import Link, SpanKind, Status, StatusCode
from park_shared.telemetry import context as telemetry_context
from park_shared.telemetry.context import CurrentSpan, parent_context, traceparent_of
from park_shared.telemetry.files import span_record
from park_shared.telemetry.spans import LeanTracer

PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
UNSAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"
Scenario = Callable[[trace.Tracer], None]


def fields(span: ReadableSpan, names: dict[int, str]) -> dict[str, Any]:
    """A span's exported fields; a parent or link in this process named by its span's name (its
    ids are new each run), one from outside by its ids."""
    ctx = span.get_span_context()
    assert ctx is not None

    def ref(other: trace.SpanContext | None) -> Any:
        if other is None:
            return None
        return names.get(other.span_id) or (other.trace_id, other.span_id, other.is_remote, other.trace_flags)

    return {
        "name": span.name,
        "kind": span.kind,
        "class": type(span).__name__,
        "parent": ref(span.parent),
        "parent_remote": span.parent.is_remote if span.parent else None,
        "outside_trace": ctx.trace_id == int(PARENT[3:35], 16),
        "flags": int(ctx.trace_flags),
        "trace_state": ctx.trace_state.to_header(),
        "is_remote": ctx.is_remote,
        "attributes": [(k, v, type(v)) for k, v in (span.attributes or {}).items()],
        "dropped_attributes": span.dropped_attributes,
        "events": [(e.name, dict(e.attributes or {})) for e in span.events],
        "dropped_events": span.dropped_events,
        "links": [(ref(link.context), dict(link.attributes or {})) for link in span.links],
        "dropped_links": span.dropped_links,
        "status": (span.status.status_code, span.status.description),
        "resource": dict(span.resource.attributes),
        "scope": span.instrumentation_scope,
        "ended": span.end_time is not None
        and span.start_time is not None
        and span.end_time >= span.start_time,
    }


def emitted(
    scenario: Scenario, lean: bool, sampler: Sampler | None = None, **limits: Any
) -> list[dict[str, Any]]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider(sampler=sampler, span_limits=SpanLimits(**limits))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    sdk = provider.get_tracer("park")
    assert isinstance(sdk, Tracer)
    scenario(LeanTracer(sdk) if lean else sdk)
    spans = exporter.get_finished_spans()
    names = {s.get_span_context().span_id: s.name for s in spans}  # type: ignore[union-attr]
    return [fields(s, names) for s in spans]


def a_request(tracer: trace.Tracer) -> None:
    """The suite's shapes: a server span under a remote parent, its command span, the store
    append's, a relay batch and a publish span linked to it, set after the start too."""
    parent = parent_context(PARENT)
    server = tracer.start_span(
        "POST",
        context=parent,
        kind=SpanKind.SERVER,
        attributes={"http.method": "POST", "http.target": "/x", "net.host.port": 8000, "http.flavor": "1.1"},
    )
    with CurrentSpan(server, parent):
        with CurrentSpan(tracer.start_span("command Open", attributes={"park.stream_id": "case-1"})):
            attributes = {
                "park.stream_id": "case-1",
                "park.expected_version": 0,
                "park.event_types": ["B", "A"],
            }
            with CurrentSpan(tracer.start_span("store append", kind=SpanKind.CLIENT, attributes=attributes)):
                pass
        with CurrentSpan(tracer.start_span("outbox relay t", attributes={"park.events": 1})) as batch:
            publish = tracer.start_span(
                "publish A",
                context=parent_context(traceparent_of(server)),
                kind=SpanKind.PRODUCER,
                links=[Link(batch.get_span_context())],
                attributes={"messaging.destination.name": "t", "park.position": 7, "ok": True, "ratio": 0.5},
            )
            publish.end()
        server.set_attribute("http.status_code", 201)
        server.update_name("POST /x")


def a_failure(tracer: trace.Tracer) -> None:
    with (
        pytest.raises(ValueError),
        CurrentSpan(tracer.start_span("command Fail", parent_context(PARENT), attributes={"n": 1})),
    ):
        raise ValueError("no")
    with tracer.start_as_current_span(
        "handle A", context=parent_context(UNSAMPLED), attributes={"x": "y"}
    ) as a:
        unsampled = tracer.start_span("not sampled")
    # what is not exported, told by a span that is
    tracer.start_span(
        "probe",
        parent_context(PARENT),
        attributes={"recording": a.is_recording() or unsampled.is_recording()},
    ).end()


def odd_attributes(tracer: trace.Tracer) -> None:
    """Values the SDK checks and converts: the lean start hands these to it."""
    odd: dict[str, Any] = {
        "ints": [1, 2],
        "mixed": ["a", 1],
        "none": None,
        "bytes": b"x",
        "object": object(),
        "": "empty key",
        "nested": {"a": "b"},
        "long": "x" * 50,
    }
    tracer.start_span("odd", attributes=odd).end()
    tracer.start_span("none").end()


def after_the_start(tracer: trace.Tracer) -> None:
    """What a span is told after its start: attributes set again (the SDK moves them to the end),
    more than a limit allows, odd ones; events, links, statuses; calls after its end."""
    span = tracer.start_span("later", attributes={"a": "1", "b": 2})
    span.set_attribute("a", "again")
    span.set_attribute("c", 3.5)
    span.set_attributes({"d": True, "b": 4})
    span.add_event("noted", {"n": 1, "list": [1, 2]})
    span.add_link(trace.SpanContext(5, 6, False), {"why": "x"})
    span.add_link(trace.INVALID_SPAN_CONTEXT)
    span.set_status(StatusCode.ERROR, "first")
    span.set_status(Status(StatusCode.UNSET))
    span.set_attribute("e", [1, 2])
    span.set_attribute("f", "after an odd one")
    span.end()
    span.set_attribute("g", "ended")
    span.add_event("ended")
    span.update_name("ended")
    span.set_status(StatusCode.OK)
    span.end()
    more = tracer.start_span("more", links=[Link(trace.SpanContext(5, 6, False), {"k": "v"})])
    for n in range(4):
        more.set_attribute(f"k{n}", n)
    more.set_attributes({"x": "y", "k0": "z"})
    more.add_link(trace.SpanContext(7, 8, False))
    more.set_status(StatusCode.OK)
    more.set_status(StatusCode.ERROR, "not after OK")
    with pytest.raises(KeyError), more:
        raise KeyError("k")
    none = tracer.start_span("none")
    none.set_attributes({"": "empty key", "ok": "yes"})
    none.set_attribute("", "empty")
    none.record_exception(RuntimeError("kept"), {"extra": 1})
    none.end()


SCENARIOS = [a_request, a_failure, odd_attributes, after_the_start]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_the_lean_start_emits_the_sdk_s_spans(scenario: Scenario) -> None:
    sdk = emitted(scenario, lean=False)
    assert sdk  # the scenario emitted spans at all
    assert emitted(scenario, lean=True) == sdk


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_and_under_span_limits(scenario: Scenario) -> None:
    limits = {"max_span_attributes": 2, "max_span_attribute_length": 4, "max_links": 0}
    assert emitted(scenario, lean=True, **limits) == emitted(scenario, lean=False, **limits)
    limits = {"max_span_attributes": 3, "max_events": 1, "max_links": 1, "max_attribute_length": 2}
    assert emitted(scenario, lean=True, **limits) == emitted(scenario, lean=False, **limits)
    limits = {"max_span_attributes": 3, "max_links": 2}  # no limit on lengths: plain values as they are
    assert emitted(scenario, lean=True, **limits) == emitted(scenario, lean=False, **limits)


@pytest.mark.parametrize(
    "sampler",
    [DEFAULT_ON, ALWAYS_OFF, ParentBased(TraceIdRatioBased(0.5))],
    ids=["parentbased_always_on", "off", "ratio"],
)
@pytest.mark.parametrize("scenario", [a_request, a_failure], ids=lambda s: s.__name__)
def test_and_under_the_provider_s_sampler(sampler: Sampler, scenario: Scenario) -> None:
    """(No new trace in these scenarios: the decisions follow the parents, not random ids.)"""
    assert emitted(scenario, True, sampler) == emitted(scenario, False, sampler)


def test_a_span_not_recorded_carries_its_trace() -> None:
    provider = TracerProvider(sampler=ALWAYS_OFF)
    sdk = provider.get_tracer("park")
    assert isinstance(sdk, Tracer)
    lean, plain = (t.start_span("x", context=parent_context(PARENT)) for t in (LeanTracer(sdk), sdk))
    assert not lean.is_recording()
    assert type(lean) is type(plain)
    assert (traceparent_of(lean) or "")[:36] == (traceparent_of(plain) or "")[:36] == PARENT[:36]
    assert (traceparent_of(lean) or "")[-3:] == (traceparent_of(plain) or "")[-3:] == "-00"


def test_the_process_tracer_is_lean_once_the_provider_is_the_sdk_s(monkeypatch: pytest.MonkeyPatch) -> None:
    provider = TracerProvider()
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", provider)
    monkeypatch.setattr(telemetry_context, "_tracer", trace.ProxyTracer("park"))
    assert isinstance(telemetry_context.tracer(), LeanTracer)
    assert telemetry_context.tracer() is telemetry_context.tracer()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_the_console_and_json_lines_exporters_write_the_same(scenario: Scenario) -> None:
    """What the console exporter (`to_json`) and the JSON lines file (telemetry/files.py) write
    of each span, its ids and times left out."""

    def written(lean: bool) -> list[Any]:
        exporter = InMemorySpanExporter()
        provider = TracerProvider(resource=Resource.create({"service.name": "investment"}))
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        sdk = provider.get_tracer("park")
        assert isinstance(sdk, Tracer)
        scenario(LeanTracer(sdk) if lean else sdk)
        out = []
        for span in exporter.get_finished_spans():
            try:
                console = json.loads(span.to_json())
            except TypeError:  # the console exporter's own limit (a bytes value), either way
                console = {"context": None, "parent_id": None, "start_time": None, "end_time": None}
                console |= {"events": [], "links": [], "unwritable": True}
            for key in ("context", "parent_id", "start_time", "end_time"):
                console.pop(key)
            console["events"] = [{**e, "timestamp": None} for e in console["events"]]
            console["links"] = [{**link, "context": None} for link in console["links"]]
            record = span_record(span)
            for key in ("trace_id", "span_id", "parent_span_id", "start", "end", "links"):
                record.pop(key)
            out.append((console, record, len(span.links)))
        return out

    assert written(lean=True) == written(lean=False)
