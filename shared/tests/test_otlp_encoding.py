"""The suite's OTLP encoding (telemetry/otlp.py) writes the bytes the official exporter's
`encode_spans(...).SerializePartialToString()` writes: for the suite's span shapes (recorded by
the SDK's own tracer and by the suite's lean one), for values and fields the suite's spans
seldom carry, and for several resources and scopes in one batch; what it does not write itself
it leaves to the official encoder. The exporter sends those bytes to an OTLP/HTTP endpoint."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans as official
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Event, ReadableSpan, SpanLimits, Tracer, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.util.instrumentation import InstrumentationScope
from opentelemetry.trace import Link, SpanContext, SpanKind, Status, StatusCode, TraceFlags, TraceState
from park_shared.telemetry.otlp import OtlpSpanExporter, encode_spans
from park_shared.telemetry.otlp_bytes import official_span_bytes, request_body
from park_shared.telemetry.spans import LeanTracer
from park_shared.testing.modules import module_at
from park_shared.testing.otlp_sink import otlp_sink

Scenario = Callable[[Any], None]
SCENARIOS: list[Scenario] = module_at(
    Path(__file__).with_name("test_lean_spans.py"), "park_lean_span_scenarios"
).SCENARIOS
"""test_lean_spans.py's scenarios: the suite's span shapes, a failure, odd attribute values."""


def recorded(scenario: Scenario, lean: bool, **limits: Any) -> list[ReadableSpan]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider(
        resource=Resource.create({"service.name": "investment"}), span_limits=SpanLimits(**limits)
    )
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    sdk = provider.get_tracer("park", "1.0", attributes={"scope.attr": 1})
    assert isinstance(sdk, Tracer)
    scenario(LeanTracer(sdk) if lean else sdk)
    return list(exporter.get_finished_spans())


def same_bytes(spans: list[ReadableSpan]) -> bytes:
    ours = encode_spans(spans)
    theirs = official(spans).SerializePartialToString()
    assert ours is not None
    assert ours == theirs, (ExportTraceServiceRequest.FromString(ours), official(spans))
    return ours


@pytest.mark.parametrize("lean", [False, True], ids=["sdk", "lean"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_the_suite_s_spans_encode_as_the_official_exporter_encodes_them(
    scenario: Scenario, lean: bool
) -> None:
    spans = recorded(scenario, lean)
    assert spans
    assert ExportTraceServiceRequest.FromString(same_bytes(spans)).resource_spans[0].scope_spans[0].spans


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_and_spans_that_dropped_what_their_limits_refused(scenario: Scenario) -> None:
    limits = {"max_span_attributes": 2, "max_span_attribute_length": 4, "max_links": 0, "max_events": 0}
    same_bytes(recorded(scenario, lean=True, **limits))


CONTEXT = SpanContext(0x0AF7651916CD43DD8448EB211C80319C, 0xB7AD6B7169203331, False, TraceFlags(1))
REMOTE = SpanContext(0x1, 0x2, True, TraceFlags(1), TraceState([("vendor", "v1"), ("other", "x")]))


def a_span(name: str = "odd", **fields: Any) -> ReadableSpan:
    given: dict[str, Any] = {
        "context": CONTEXT,
        "kind": SpanKind.CONSUMER,
        "start_time": 1_700_000_000_000_000_000,
        "end_time": 1_700_000_000_000_123_456,
        "resource": Resource({"service.name": "x"}),
        "instrumentation_scope": InstrumentationScope("park"),
    }
    return ReadableSpan(name, **{**given, **fields})


ODD_VALUES: dict[str, Any] = {
    "empty": "",
    "text": "写字楼 office",
    "false": False,
    "true": True,
    "zero": 0,
    "negative": -5,
    "large": 2**63 - 1,
    "smallest": -(2**63),
    "float": 0.0,
    "negative float": -1.5e300,
    "bytes": b"\x00\xff",
    "none": None,
    "strings": ("a", ""),
    "empty tuple": (),
    "mixed": ["a", 1, 2.5, True, None, b"b"],
    "nested": {"a": [1, {"b": "c"}], "": "empty key"},
    "": "an empty key",
    "long": "x" * 300,
}


@pytest.mark.parametrize(
    "span",
    [
        a_span(attributes=ODD_VALUES),
        a_span("", kind=SpanKind.INTERNAL, start_time=None, end_time=None),
        a_span(context=SpanContext(3, 4, False, TraceFlags(1), REMOTE.trace_state), parent=REMOTE),
        a_span(parent=CONTEXT, status=Status(StatusCode.ERROR, "boom: it broke")),
        a_span(status=Status(StatusCode.OK)),
        a_span(status=Status(StatusCode.ERROR)),
        a_span(
            events=[
                Event("exception", {"exception.type": "ValueError", "n": 3}, timestamp=5),
                Event("plain", None, timestamp=6),
            ],
            links=[Link(REMOTE, {"why": "batch", "n": -1}), Link(CONTEXT)],
        ),
        a_span(instrumentation_scope=InstrumentationScope("aiokafka", "0.1", "https://schema", {"a": "b"})),
        a_span(
            instrumentation_scope=None, resource=Resource({"service.name": "x"}, "https://resource-schema")
        ),
        a_span(kind=SpanKind.PRODUCER, name="p" * 200),
    ],
    ids=lambda s: s.name[:10] or "unnamed",
)
def test_odd_fields_encode_as_the_official_exporter_encodes_them(span: ReadableSpan) -> None:
    same_bytes([span])


def test_several_resources_and_scopes_are_grouped_as_the_official_exporter_groups_them() -> None:
    one, same_as_one, other = (Resource({"service.name": n}) for n in ("a", "a", "b"))
    park, kafka = InstrumentationScope("park"), InstrumentationScope("aiokafka", "1")
    spans = [
        a_span("1", resource=one, instrumentation_scope=park),
        a_span("2", resource=other, instrumentation_scope=park),
        a_span("3", resource=same_as_one, instrumentation_scope=kafka),
        a_span("4", resource=one, instrumentation_scope=InstrumentationScope("park")),
        a_span("5", resource=other, instrumentation_scope=None),
    ]
    request = ExportTraceServiceRequest.FromString(same_bytes(spans))
    assert [[s.name for ss in rs.scope_spans for s in ss.spans] for rs in request.resource_spans] == [
        ["1", "4", "3"],
        ["2", "5"],
    ]
    assert same_bytes([]) == b""


def test_what_it_does_not_write_is_left_to_the_official_encoder() -> None:
    class Code(int):
        pass

    for value in (2**63, Code(3), object()):
        assert encode_spans([a_span(attributes={"odd": value})]) is None


def test_values_equal_across_types_keep_their_own_encoding() -> None:
    """The attribute fields written before are looked up by type, key and value: 1, True and
    1.0 are one dict key, and three encodings (0.0 and -0.0 two)."""
    values = [1, True, 1.0, "1", 0, False, 0.0, -0.0, 2**62, "1"]
    for value in values:
        same_bytes([a_span(attributes={"v": value})])
    same_bytes([a_span(str(n), attributes={"v": v, "w": v}) for n, v in enumerate(values * 2)])


def test_spans_written_officially_one_by_one_make_the_official_request() -> None:
    spans = [
        a_span("1", attributes=ODD_VALUES),
        a_span("2", attributes={"odd": 2**64}),
        a_span("3", instrumentation_scope=None),
        a_span("4", resource=Resource({"service.name": "y"})),
    ]
    written = [(s.resource, s.instrumentation_scope or None, official_span_bytes(s)) for s in spans]
    assert request_body(written) == official(spans).SerializePartialToString()


def test_a_span_of_another_class_is_left_to_the_official_encoder() -> None:
    class Renamed(ReadableSpan):
        @property
        def name(self) -> str:
            return "renamed"

    span = a_span()
    span.__class__ = Renamed
    assert encode_spans([span]) is None


@pytest.fixture
def collector() -> Iterator[tuple[str, list[bytes]]]:
    with otlp_sink() as sink:
        yield f"{sink.url}/v1/traces", sink.received.setdefault("/v1/traces", [])


def test_the_exporter_posts_the_official_bytes(collector: tuple[str, list[bytes]]) -> None:
    endpoint, bodies = collector
    exporter = OtlpSpanExporter(endpoint=endpoint)
    spans = recorded(SCENARIOS[0], lean=True)
    odd = [a_span(attributes={"odd": 2**64})]  # the official encoder's: it logs and leaves the key out
    assert exporter.export(spans).name == "SUCCESS"
    assert exporter.export(odd).name == "SUCCESS"
    exporter.shutdown()  # type: ignore[no-untyped-call]
    assert bodies == [official(spans).SerializePartialToString(), official(odd).SerializePartialToString()]
