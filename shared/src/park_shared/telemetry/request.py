"""What the server span reads of a request (telemetry/server.py): its attributes, as the ASGI
instrumentation's `collect_request_attributes` collects them, and its trace, as the global
propagators extract it; read from the few headers those look at, and the attributes of a
request like one already seen made from that one's.

Each lookup of a header by the ASGI instrumentation's getter decodes and compares every header
of the request, and a request is looked up six times (host twice, the user agent, traceparent,
tracestate, baggage): the scope each of them is given holds only the headers it reads. A header
whose name is not plain ASCII is kept in both (decoded, it might read as one of them); under
other propagators than the default ones (W3C trace context and baggage), every header.

The attributes of a request differ from those of another request of the same client, server,
method and headers only by its path: `http.target` is the path, and `http.url` the URL up to the
path followed by the path, as long as the URL's redaction leaves it as it is (no `@` and no `?`
in it: no credentials and no query to redact). Such a request's attributes are those of the
first one, in the same order, with its own path; any other request's are collected by the
instrumentation's function. shared/tests/test_server_span_headers.py compares the two."""

from __future__ import annotations

from typing import Any

from opentelemetry import context, propagate
from opentelemetry.baggage.propagation import W3CBaggagePropagator
from opentelemetry.instrumentation.asgi import asgi_getter, collect_request_attributes
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from starlette.types import Scope

__all__ = ["headers_read", "request_attributes", "request_parent"]

_ATTRIBUTE_HEADERS = frozenset({b"host", b"user-agent"})
_TRACE_HEADERS = frozenset({b"traceparent", b"tracestate", b"baggage"})
_TARGET, _URL = "http.target", "http.url"

_Template = tuple[list[tuple[str, Any]], str, list[tuple[str, Any]]]
_templates: dict[tuple[Any, ...], _Template | None] = {}


def headers_read(scope: Scope) -> tuple[Scope, Scope]:
    """`scope` with the headers the attributes are read from, and with those the propagators
    read."""
    headers = scope.get("headers")
    if not headers:
        return scope, scope
    attributes, trace = [], []
    for header in headers:
        key = header[0]
        if type(key) is bytes and key.isascii() and b"\\" not in key:
            lower = key.lower()
            if lower in _ATTRIBUTE_HEADERS:
                attributes.append(header)
            elif lower in _TRACE_HEADERS:
                trace.append(header)
        else:
            attributes.append(header)
            trace.append(header)
    for_trace = {**scope, "headers": trace} if _default_propagators() else scope
    return {**scope, "headers": attributes}, for_trace


def _default_propagators() -> bool:
    found: Any = propagate.get_global_textmap()
    if type(found) is not CompositePropagator:
        return False
    kinds = [type(p) for p in found._propagators]
    return kinds in ([TraceContextTextMapPropagator, W3CBaggagePropagator], [TraceContextTextMapPropagator])


def request_parent(scope: Scope) -> context.Context:
    """The request's trace (its `traceparent`), as the global propagators extract it."""
    return propagate.extract(scope, getter=asgi_getter)  # type: ignore[misc]


def request_attributes(scope: Scope) -> dict[str, Any]:
    """`collect_request_attributes(scope)` (its default conventions), from the attributes of the
    last request alike when there was one (see above)."""
    path = scope.get("path")
    if not path or scope.get("query_string"):
        return _collected(scope)
    try:
        key = (
            scope.get("scheme"),
            _frozen(scope.get("server")),
            scope.get("http_version"),
            scope.get("method"),
            _frozen(scope.get("client")),
            tuple(map(tuple, scope.get("headers") or ())),
        )
        known = key in _templates
    except TypeError:  # something in the scope is not hashable: no template
        return _collected(scope)
    if not known:
        attributes = _collected(scope)
        if len(_templates) >= 256:
            _templates.clear()
        _templates[key] = _template(attributes, path)
        return attributes
    template = _templates[key]
    if template is None:
        return _collected(scope)
    before, url, after = template
    url += path
    if "@" in url or "?" in url:
        return _collected(scope)
    attributes = dict(before)
    attributes[_TARGET] = path
    attributes[_URL] = url
    attributes.update(after)
    return attributes


def _collected(scope: Scope) -> dict[str, Any]:
    found: dict[str, Any] = collect_request_attributes(scope)  # type: ignore[no-untyped-call]
    return found


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _template(attributes: dict[str, Any], path: str) -> _Template | None:
    """The attributes before the path's, the URL up to the path, the attributes after: when the
    path's two are next to each other and the URL is the URL up to the path followed by it."""
    keys = list(attributes)
    if _TARGET not in attributes or _URL not in attributes or attributes[_TARGET] != path:
        return None
    at = keys.index(_TARGET)
    url = attributes[_URL]
    if keys[at + 1 : at + 2] != [_URL] or not url.endswith(path) or "@" in url or "?" in url:
        return None
    before = [(k, attributes[k]) for k in keys[:at]]
    after = [(k, attributes[k]) for k in keys[at + 2 :]]
    return before, url[: len(url) - len(path)], after
