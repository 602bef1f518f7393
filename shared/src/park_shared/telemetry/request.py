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
instrumentation's function.

A request without a trace header whose headers all equal those of one read before (and the same
scheme, server, client, method and version) is read from that one's template without sorting
its headers.

`read_request` does both in one pass over the headers, copying no scope unless it calls the
instrumentation's own functions; under the default propagators, a request with no trace header
gets the empty context they extract from it, and one whose only trace header is a plain
`traceparent` that traceparent's context as telemetry/context.py reads it (the W3C
propagator's checks). shared/tests/test_server_span_headers.py compares all of it with the
instrumentation's and the propagators' own."""

from __future__ import annotations

from typing import Any

from opentelemetry import context, propagate
from opentelemetry.baggage.propagation import W3CBaggagePropagator
from opentelemetry.instrumentation.asgi import asgi_getter, collect_request_attributes
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from starlette.types import Scope

from park_shared.telemetry.context import parent_context

__all__ = ["headers_read", "read_request", "request_attributes", "request_parent", "request_trace"]

_ATTRIBUTE_HEADERS = frozenset({b"host", b"user-agent"})
_TRACE_HEADERS = frozenset({b"traceparent", b"tracestate", b"baggage"})
_TARGET, _URL = "http.target", "http.url"
_OTHER, _ATTRIBUTE, _TRACE = 0, 1, 2
_kinds: dict[bytes, int] = {}

_Template = tuple[dict[str, Any], str, dict[str, Any]]
_templates: dict[tuple[Any, ...], _Template | None] = {}
_requests: dict[tuple[Any, ...], _Template] = {}
"""The templates of requests without a trace header by all of their headers (`_whole`): a request
alike read without sorting its headers."""


def headers_read(scope: Scope) -> tuple[Scope, Scope]:
    """`scope` with the headers the attributes are read from, and with those the propagators
    read."""
    headers = scope.get("headers")
    if not headers:
        return scope, scope
    attributes, trace = _sorted(headers)
    for_trace = {**scope, "headers": trace} if _default_propagators() else scope
    return {**scope, "headers": attributes}, for_trace


def read_request(scope: Scope) -> tuple[dict[str, Any], context.Context]:
    """`request_attributes(headers_read(scope)[0])` and `request_parent(headers_read(scope)[1])`
    in one pass over the headers, no scope copied unless the instrumentation's own functions
    are called: a request alike gets its attributes from the template; a request carrying no
    trace header, or one plain `traceparent` alone, under the default propagators, gets the
    context they would extract (empty, resp. that traceparent's span) without them."""
    headers = scope.get("headers")
    if not headers:
        return request_attributes(scope), request_parent(scope)
    default = _default_propagators()
    whole = _whole(scope, headers) if default else None
    if whole is not None:
        template = _requests.get(whole)
        if template is not None:
            found = _filled(template, scope["path"])
            if found is not None:
                return found, context.Context()  # no trace header, as when the template was kept
    attributes, traced = _sorted(headers)
    found = _alike(scope, attributes)
    if found is None:
        found = request_attributes({**scope, "headers": attributes})
    if not default:
        return found, request_parent(scope)
    if not traced:
        if whole is not None:
            _keep_whole(whole, scope, attributes)
        return found, context.Context()  # what the two propagators extract from no header
    lone = _lone_traceparent(traced)
    return found, lone if lone is not None else request_parent({**scope, "headers": traced})


def request_trace(scope: Scope) -> context.Context | None:
    """`read_request(scope)[1]` alone, when it reads no more than the headers' names: under the
    default propagators, a request with no trace header (the empty context) or with one plain
    `traceparent` alone (that traceparent's); None for any other request."""
    headers = scope.get("headers")
    if not headers or not _default_propagators():
        return None
    traced = _sorted(headers)[1]
    return _lone_traceparent(traced) if traced else context.Context()


def _lone_traceparent(traced: list[Any]) -> context.Context | None:
    """The W3C propagator's context when the trace headers are one plain `traceparent` alone
    (that traceparent's); None for any others."""
    if len(traced) != 1:
        return None
    key, value = traced[0][0], traced[0][1]
    if key == b"traceparent" and type(value) is bytes and value.isascii():
        return _parent(value.decode())
    return None


def _whole(scope: Scope, headers: Any) -> tuple[Any, ...] | None:
    """What decides the attributes of a request without a query, but its path, and that it has
    no trace header: its `_key` over all of its headers (None: something is not hashable)."""
    if not scope.get("path") or scope.get("query_string"):
        return None
    try:
        return _key(scope, headers)
    except TypeError:  # a header that is not a pair
        return None


def _keep_whole(whole: tuple[Any, ...], scope: Scope, attributes: Any) -> None:
    """The template of a request without a trace header, kept by all of its headers."""
    key = _key(scope, attributes)
    template = _templates.get(key) if key is not None else None
    if template is not None:
        if len(_requests) >= 256:
            _requests.clear()
        _requests[whole] = template


def _sorted(headers: Any) -> tuple[list[Any], list[Any]]:
    """The headers the attributes are read from, and those the propagators read."""
    attributes: list[Any] = []
    traced: list[Any] = []
    for header in headers:
        key = header[0]
        kind = _kinds.get(key) if type(key) is bytes else None
        if kind is None:
            kind = _kind(key)
        if kind & _ATTRIBUTE:
            attributes.append(header)
        if kind & _TRACE:
            traced.append(header)
    return attributes, traced


def _kind(key: Any) -> int:
    """Which of the two the header named `key` is read for (a name that is not plain ASCII:
    both; decoded, it might read as one of them)."""
    if type(key) is not bytes or not key.isascii() or b"\\" in key:
        return _ATTRIBUTE | _TRACE
    lower = key.lower()
    kind = _ATTRIBUTE if lower in _ATTRIBUTE_HEADERS else _TRACE if lower in _TRACE_HEADERS else _OTHER
    if len(_kinds) < 1024:
        _kinds[key] = kind
    return kind


def _parent(traceparent: str) -> context.Context:
    """The W3C propagator's context for a request whose only trace header is `traceparent`."""
    found = parent_context(traceparent)
    return found if found is not None else context.Context()


_DEFAULT_KINDS = ((TraceContextTextMapPropagator, W3CBaggagePropagator), (TraceContextTextMapPropagator,))
_checked: tuple[Any, tuple[Any, ...]] = (None, ())
"""The global propagator last found to be the default ones, and the propagators it held."""


def _default_propagators() -> bool:
    global _checked
    found: Any = propagate.get_global_textmap()
    if type(found) is not CompositePropagator:
        return False
    propagators = tuple(found._propagators)
    if _checked[0] is found and _checked[1] == propagators:  # the same ones (by identity)
        return True
    if tuple(map(type, propagators)) not in _DEFAULT_KINDS:
        return False
    _checked = (found, propagators)
    return True


def request_parent(scope: Scope) -> context.Context:
    """The request's trace (its `traceparent`), as the global propagators extract it."""
    return propagate.extract(scope, getter=asgi_getter)  # type: ignore[misc]


def request_attributes(scope: Scope) -> dict[str, Any]:
    """`collect_request_attributes(scope)` (its default conventions), from the attributes of the
    last request alike when there was one (see above)."""
    found = _alike(scope, scope.get("headers"))
    if found is not None:
        return found
    attributes = _collected(scope)
    path = scope.get("path")
    if path and not scope.get("query_string"):
        key = _key(scope, scope.get("headers"))
        if key is not None and key not in _templates:
            if len(_templates) >= 256:
                _templates.clear()
            _templates[key] = _template(attributes, path)
    return attributes


def _key(scope: Scope, headers: Any) -> tuple[Any, ...] | None:
    """What decides a request's attributes but its path (None: something is not hashable)."""
    key = (
        scope.get("scheme"),
        _frozen(scope.get("server")),
        scope.get("http_version"),
        scope.get("method"),
        _frozen(scope.get("client")),
        tuple(map(tuple, headers or ())),
    )
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _alike(scope: Scope, headers: Any) -> dict[str, Any] | None:
    """The attributes of a request alike one seen before, from its template; None when there
    is no template for it (yet) or its URL might be redacted."""
    path = scope.get("path")
    if not path or scope.get("query_string"):
        return None
    key = _key(scope, headers)
    template = _templates.get(key) if key is not None else None
    if template is None:
        return None
    return _filled(template, path)


def _filled(template: _Template, path: str) -> dict[str, Any] | None:
    """A template's attributes for `path`; None when its URL might be redacted."""
    before, url, after = template
    url += path
    if "@" in url or "?" in url:
        return None
    return {**before, _TARGET: path, _URL: url, **after}


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
    before = {k: attributes[k] for k in keys[:at]}
    after = {k: attributes[k] for k in keys[at + 2 :]}
    return before, url[: len(url) - len(path)], after
