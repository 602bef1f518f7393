"""What the server span reads of a request (telemetry/request.py) is what the ASGI
instrumentation's `collect_request_attributes` and the global propagators read of it: from the
few headers they look at, and, for a request like one seen before, from that one's attributes
(the same attributes in the same order)."""

from __future__ import annotations

from typing import Any

import pytest
from opentelemetry import baggage, propagate, trace
from opentelemetry.instrumentation.asgi import asgi_getter, collect_request_attributes
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from opentelemetry.util.http import sanitize_method
from park_shared.telemetry import request
from park_shared.telemetry.request import headers_read, read_request, request_attributes, request_parent
from park_shared.telemetry.server import _KNOWN_METHODS, _method

PARENT = b"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def scope(headers: list[Any], **more: Any) -> dict[str, Any]:
    return {
        "type": "http",
        "method": "POST",
        "scheme": "http",
        "server": ("testserver", 8000),
        "client": ("127.0.0.1", 51000),
        "http_version": "1.1",
        "path": "/cases/case-1/steps",
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        **more,
    }


SCOPES = [
    scope([]),
    scope([(b"host", b"park.example"), (b"user-agent", b"python-httpx/0.28"), (b"content-length", b"12")]),
    scope(
        [
            (b"Host", b"upper.example"),
            (b"USER-AGENT", b"Googlebot/2.1"),
            (b"traceparent", PARENT),
            (b"tracestate", b"vendor=v1"),
            (b"baggage", b"user=alice"),
            (b"accept", b"*/*"),
        ],
        query_string=b"x=1&sig=secret",
    ),
    scope([(b"host", b"a"), (b"host", b"b"), (b"traceparent", PARENT), (b"traceparent", PARENT)]),
    scope([(b"h\xc3\xb6st", b"x"), (b"\xff", b"y"), (b"ho\\x73t", b"z")], method="get"),
    scope([(b"user-agent", b"\xe4\xb8\xad curl/8"), (b"traceparent", b"not a traceparent")], server=None),
    scope([[b"host", b"user:secret@park.example"]], server=["127.0.0.1", 80], client=None),
    scope([(b"host", b"park.example")], scheme="https", http_version="2", method="PATCH", path=""),
    scope([(b"host", b"a"), (b"traceparent", PARENT), (b"user-agent", b"u")]),
    scope([(b"traceparent", PARENT.replace(b"-01", b"-00"))]),
    scope([(b"traceparent", PARENT + b"-more")]),
    scope([(b"traceparent", b"")]),
    scope([(b"traceparent", PARENT.upper())]),
    scope([(b"Traceparent", PARENT)]),
    scope([(b"traceparent", "00-ä".encode())]),
    scope([(b"traceparent", PARENT), (b"tracestate", b"vendor=v1")]),
    scope([(b"host", b"a"), (b"accept", b"*/*")]),
]
PATHS = [
    "/leads/l-1/agreement",
    "/a?b",
    "/x@y",
    "/",
    "/路径",
    "/a?sig=secret",
    "@evil/x",
    "/cases/case-2/steps",
]


def items(attributes: dict[str, Any]) -> list[tuple[str, Any]]:
    return list(attributes.items())


@pytest.mark.parametrize("request_scope", SCOPES)
def test_the_headers_read_give_the_request_s_attributes_and_trace(request_scope: dict[str, Any]) -> None:
    request._templates.clear()
    for_attributes, for_trace = headers_read(request_scope)
    assert len(for_attributes.get("headers") or ()) <= len(request_scope["headers"])
    expected = collect_request_attributes(request_scope)  # type: ignore[no-untyped-call]
    assert items(request_attributes(for_attributes)) == items(expected)
    assert items(request_attributes(for_attributes)) == items(expected)  # from the first one's
    for path in PATHS:  # requests alike, on other paths
        other = {**request_scope, "path": path}
        expected = collect_request_attributes(other)  # type: ignore[no-untyped-call]
        assert items(request_attributes(headers_read(other)[0])) == items(expected), path
    ours, theirs = request_parent(for_trace), propagate.extract(request_scope, getter=asgi_getter)
    assert (
        trace.get_current_span(ours).get_span_context() == trace.get_current_span(theirs).get_span_context()
    )
    assert baggage.get_all(ours) == baggage.get_all(theirs)


def test_a_request_alike_is_made_from_the_first_one_s_attributes() -> None:
    request._templates.clear()
    first, second = SCOPES[1], {**SCOPES[1], "path": "/cases/case-9/steps"}
    request_attributes(headers_read(first)[0])
    assert len(request._templates) == 1 and next(iter(request._templates.values())) is not None
    found = request_attributes(headers_read(second)[0])
    assert (found["http.target"], found["http.url"]) == (
        "/cases/case-9/steps",
        "http://park.example/cases/case-9/steps",
    )
    assert len(request._templates) == 1


def test_other_propagators_read_every_header(monkeypatch: pytest.MonkeyPatch) -> None:
    request_scope = SCOPES[2]
    assert headers_read(request_scope)[1]["headers"] != request_scope["headers"]
    monkeypatch.setattr(
        propagate, "_HTTP_TEXT_FORMAT", CompositePropagator([TraceContextTextMapPropagator()] * 2)
    )
    assert headers_read(request_scope)[1] is request_scope


def same_context(ours: Any, theirs: Any) -> None:
    assert list(ours) == list(theirs)
    assert (
        trace.get_current_span(ours).get_span_context() == trace.get_current_span(theirs).get_span_context()
    )
    assert baggage.get_all(ours) == baggage.get_all(theirs)


@pytest.mark.parametrize("request_scope", SCOPES)
def test_one_read_of_a_request_gives_its_attributes_and_trace(request_scope: dict[str, Any]) -> None:
    request._templates.clear()
    for _ in range(2):  # collected, then from the first one's
        attributes, parent = read_request(request_scope)
        assert items(attributes) == items(collect_request_attributes(request_scope))  # type: ignore[no-untyped-call]
        same_context(parent, propagate.extract(request_scope, getter=asgi_getter))
    for path in PATHS:
        other = {**request_scope, "path": path}
        expected = collect_request_attributes(other)  # type: ignore[no-untyped-call]
        assert items(read_request(other)[0]) == items(expected), path


def test_one_read_under_other_propagators_reads_every_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        propagate, "_HTTP_TEXT_FORMAT", CompositePropagator([TraceContextTextMapPropagator()] * 2)
    )
    for request_scope in SCOPES:
        same_context(read_request(request_scope)[1], propagate.extract(request_scope, getter=asgi_getter))


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "QUERY", "post", " PUT ", "BREW", ""])
def test_the_span_s_method_is_the_instrumentation_s(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OTEL_PYTHON_INSTRUMENTATION_HTTP_CAPTURE_ALL_METHODS", raising=False)
    expected = sanitize_method(method.strip()) or ""
    assert _method(method) == ("HTTP" if expected == "_OTHER" else expected)
    assert all(sanitize_method(known) == known for known in _KNOWN_METHODS)
    monkeypatch.setenv("OTEL_PYTHON_INSTRUMENTATION_HTTP_CAPTURE_ALL_METHODS", "1")
    assert _method(method) == (sanitize_method(method.strip()) or "")
