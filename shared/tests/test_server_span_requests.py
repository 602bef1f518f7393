"""A request read again whole (telemetry/request.py's `_requests`: a request without a trace
header, alike in all of its headers to one read before) gives what the ASGI instrumentation's
`collect_request_attributes` and the global propagators give for it; a request with a trace
header, or read under other propagators, is read as before."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry import baggage, propagate, trace
from opentelemetry.baggage.propagation import W3CBaggagePropagator
from opentelemetry.context import Context
from opentelemetry.instrumentation.asgi import asgi_getter, collect_request_attributes
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.propagators.textmap import CarrierT, Getter, Setter, TextMapPropagator
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from park_shared.telemetry import request
from park_shared.telemetry.request import read_request
from park_shared.testing.modules import module_at

_headers = module_at(Path(__file__).with_name("test_server_span_headers.py"), "park_server_span_headers")
SCOPES: list[dict[str, Any]] = _headers.SCOPES
PATHS: list[str] = _headers.PATHS


@pytest.fixture(autouse=True)
def cleared() -> Iterator[None]:
    request._templates.clear()
    request._requests.clear()
    yield
    request._templates.clear()
    request._requests.clear()


def same(found: tuple[dict[str, Any], Context], request_scope: dict[str, Any]) -> None:
    attributes, parent = found
    expected = collect_request_attributes(request_scope)  # type: ignore[no-untyped-call]
    assert list(attributes.items()) == list(expected.items())
    theirs = propagate.extract(request_scope, getter=asgi_getter)
    assert list(parent) == list(theirs)
    assert (
        trace.get_current_span(parent).get_span_context() == trace.get_current_span(theirs).get_span_context()
    )
    assert baggage.get_all(parent) == baggage.get_all(theirs)


@pytest.mark.parametrize("request_scope", SCOPES)
def test_a_request_read_again_whole_gives_its_attributes_and_trace(request_scope: dict[str, Any]) -> None:
    for path in [request_scope["path"], *PATHS]:
        alike = {**request_scope, "path": path}
        for _ in range(3):  # collected, from the template by its attribute headers, by all of its headers
            same(read_request(alike), alike)
    kept = bool(request._requests)  # no header the propagators might read (a name not plain ASCII might be):
    plain = (
        request_scope["headers"]
        and not request_scope["query_string"]
        and not request._sorted(request_scope["headers"])[1]
    )
    assert kept == bool(plain and any(request._templates.values()))
    if kept:  # read from there: a template of another URL shows through
        [(whole, template)] = request._requests.items()
        request._requests[whole] = (template[0], "http://elsewhere", template[2])
        probe = {**request_scope, "path": "/cases/case-2/steps"}
        assert read_request(probe)[0]["http.url"] == "http://elsewhere/cases/case-2/steps"


class Custom(TextMapPropagator):
    """A propagator reading a header the default ones do not (`x-trace`: a span id)."""

    def extract(
        self, carrier: CarrierT, context: Context | None = None, getter: Getter[CarrierT] = asgi_getter
    ) -> Context:  # type: ignore[assignment]
        found = getter.get(carrier, "x-trace")
        if not found:
            return context or Context()
        span = NonRecordingSpan(SpanContext(1, int(found[0]), True, TraceFlags(1)))
        return trace.set_span_in_context(span, context)

    def inject(
        self, carrier: CarrierT, context: Context | None = None, setter: Setter[CarrierT] = None
    ) -> None:  # type: ignore[assignment]
        return None

    @property
    def fields(self) -> set[str]:
        return {"x-trace"}


def test_a_request_kept_whole_is_read_anew_under_other_propagators(monkeypatch: pytest.MonkeyPatch) -> None:
    request_scope = _headers.scope([(b"host", b"park.example"), (b"x-trace", b"7")])
    for _ in range(2):
        same(read_request(request_scope), request_scope)
    assert request._requests
    monkeypatch.setattr(propagate, "_HTTP_TEXT_FORMAT", CompositePropagator([Custom()]))
    found = read_request(request_scope)
    same(found, request_scope)
    assert trace.get_current_span(found[1]).get_span_context().span_id == 7


def _added(propagators: list[Any]) -> None:
    propagators.append(Custom())


def _put_in_place_of_one(propagators: list[Any]) -> None:
    propagators[1] = Custom()


@pytest.mark.parametrize("change", [_added, _put_in_place_of_one], ids=["added", "in-place-of-a-default"])
def test_a_propagator_changed_among_the_default_ones_is_asked(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[list[Any]], None]
) -> None:
    defaults = CompositePropagator([TraceContextTextMapPropagator(), W3CBaggagePropagator()])
    monkeypatch.setattr(propagate, "_HTTP_TEXT_FORMAT", defaults)
    request_scope = _headers.scope([(b"host", b"park.example"), (b"x-trace", b"7")])
    same(read_request(request_scope), request_scope)
    change(defaults._propagators)  # type: ignore[attr-defined]
    found = read_request(request_scope)
    same(found, request_scope)
    assert trace.get_current_span(found[1]).get_span_context().span_id == 7
