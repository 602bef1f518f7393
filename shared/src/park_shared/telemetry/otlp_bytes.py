"""Finished spans as the OTLP/HTTP exporter's request body, written directly as protobuf bytes.

The OTLP exporter's `encode_spans` builds a protobuf message object for every span, attribute,
value, event and link, then serializes the tree: ~31 µs of CPU per span, as much as the suite
spends recording the span. `encode_spans` here writes the same `ExportTraceServiceRequest` bytes
from the spans in one pass (the protobuf wire format: fields in number order, proto3 defaults
left out, a message field that the official encoder sets written even when empty, a oneof value
even when it is its type's default), in two steps: each span on its own (`span_bytes`: its
fields read from the `ReadableSpan`'s own slots; the fields of a span attribute and of a span
name that came before looked up rather than written again), then the request of spans already
written (`request_body`: grouped by resource and scope). A span it cannot write as the official
encoder would (an attribute value of another type than str, bool, int in int64, float, bytes,
a list or tuple or mapping of these, None; a span of another class than the SDK's two) gives
None, and the callers then encode it the official way (`official_span_bytes` for one span).
shared/tests/test_otlp_encoding.py compares the bytes with the official encoder's for the
suite's span shapes and odd ones."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans as official_encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Event, ReadableSpan, Span
from opentelemetry.sdk.util.instrumentation import InstrumentationScope
from opentelemetry.trace import Link, SpanKind

from park_shared.telemetry.otlp_values import (
    FIXED32,
    FIXED64,
    Unwritable,
    attribute_fields,
    field,
    span_attributes,
    string,
    uint,
)

__all__ = [
    "FLAGS_LOCAL",
    "FLAGS_REMOTE",
    "KIND",
    "STATUS",
    "Scoped",
    "encode_spans",
    "link_field",
    "official_span_bytes",
    "request_body",
    "span_bytes",
]

KIND = {
    SpanKind.INTERNAL: b"\x30\x01",
    SpanKind.SERVER: b"\x30\x02",
    SpanKind.CLIENT: b"\x30\x03",
    SpanKind.PRODUCER: b"\x30\x04",
    SpanKind.CONSUMER: b"\x30\x05",
}
FLAGS_LOCAL = b"\x85\x01" + FIXED32(0x100)  # SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE
FLAGS_REMOTE = b"\x85\x01" + FIXED32(0x300)  # ... | SPAN_FLAGS_CONTEXT_IS_REMOTE
_LINK_FLAGS_LOCAL = b"\x35" + FIXED32(0x100)
_LINK_FLAGS_REMOTE = b"\x35" + FIXED32(0x300)


def _span(span: ReadableSpan) -> bytes:
    if type(span) is not ReadableSpan and type(span) is not Span:
        raise Unwritable(span)  # its own properties: read by the official encoder
    ctx = span._context
    assert ctx is not None
    parent = span._parent
    parts = [
        b"\x0a\x10" + ctx.trace_id.to_bytes(16, "big") + b"\x12\x08" + ctx.span_id.to_bytes(8, "big"),
    ]
    trace_state = ctx.trace_state
    if trace_state:
        parts.append(string(b"\x1a", ",".join([f"{k}={v}" for k, v in trace_state.items()])))
    if parent:
        parts.append(b"\x22\x08" + parent.span_id.to_bytes(8, "big"))
    parts.append(_name(span._name))
    parts.append(KIND[span._kind])
    if span._start_time:
        parts.append(b"\x39" + FIXED64(span._start_time))
    if span._end_time:
        parts.append(b"\x41" + FIXED64(span._end_time))
    attributes = span._attributes
    if attributes:
        parts += span_attributes(attributes)
    if type(attributes) is not dict:
        parts.append(uint(b"\x50", span.dropped_attributes))
    events = span._events
    if events:
        parts += [_event(event) for event in events]
    if type(events) is not tuple:
        parts.append(uint(b"\x60", span.dropped_events))
    links = span._links
    if links:
        parts += [link_field(link) for link in links]
    if type(links) is not tuple:
        parts.append(uint(b"\x70", span.dropped_links))
    status = span._status
    if status is not None:
        code = status.status_code.value
        description = status.description
        parts.append(
            field(b"\x7a", string(b"\x12", description) + uint(b"\x18", code))
            if description
            else STATUS[code]
        )
    parts.append(FLAGS_REMOTE if parent and parent.is_remote else FLAGS_LOCAL)
    return b"".join(parts)


STATUS = {code: field(b"\x7a", uint(b"\x18", code)) for code in range(3)}
_names: dict[str, bytes] = {}


def _name(name: str) -> bytes:
    """A span's name field, looked up (a service's spans have a few dozen names)."""
    found = _names.get(name)
    if found is None:
        if len(_names) >= 1024:
            _names.clear()
        found = _names[name] = string(b"\x2a", name)
    return found


def _event(event: Event) -> bytes:
    timestamp = event.timestamp
    body = [b"\x09" + FIXED64(timestamp) if timestamp else b"", string(b"\x12", event.name)]
    body += attribute_fields(b"\x1a", event.attributes)
    body.append(uint(b"\x20", event.dropped_attributes))
    return field(b"\x5a", b"".join(body))


def link_field(link: Link) -> bytes:
    """A span's link, as its field."""
    linked = link.context
    body = [b"\x0a\x10" + linked[0].to_bytes(16, "big") + b"\x12\x08" + linked[1].to_bytes(8, "big")]
    body += attribute_fields(b"\x22", link.attributes)
    body.append(uint(b"\x28", link.dropped_attributes))
    body.append(_LINK_FLAGS_REMOTE if linked[2] else _LINK_FLAGS_LOCAL)  # is_remote
    return field(b"\x6a", b"".join(body))


def _scope(scope: InstrumentationScope | None) -> bytes:
    """`ScopeSpans.scope`, as a field."""
    if scope is None:
        return b"\x0a\x00"
    body = [string(b"\x0a", scope.name), string(b"\x12", scope.version)]
    return field(b"\x0a", b"".join(body + attribute_fields(b"\x1a", scope.attributes)))


def _resource(resource: Resource) -> bytes:
    """`ResourceSpans.resource`, as a field."""
    return field(b"\x0a", b"".join(attribute_fields(b"\x0a", resource.attributes)))


Scoped = tuple[Resource, InstrumentationScope | None, bytes]
"""A finished span's resource, scope and `span_bytes`: what `request_body` groups."""


def span_bytes(span: ReadableSpan) -> bytes | None:
    """The span as a `ScopeSpans.spans` field; None when it holds a value this does not write
    as the official encoder would."""
    try:
        return field(b"\x12", _span(span))
    except Exception:  # noqa: BLE001 - a value not written here: the official encoder decides
        return None


def official_span_bytes(span: ReadableSpan) -> bytes:
    """The span as a `ScopeSpans.spans` field, by the official encoder (it may raise)."""
    request = official_encode_spans([span])
    found = [s for rs in request.resource_spans for ss in rs.scope_spans for s in ss.spans]
    return b"".join([field(b"\x12", s.SerializePartialToString()) for s in found])


def request_body(spans: Iterable[Scoped]) -> bytes:
    """The `ExportTraceServiceRequest` of spans already written, grouped as the official encoder
    groups them: by resource, then by scope, each in order of first appearance and by equality
    (looked up once for each pair of objects, not hashed again for each span)."""
    groups: dict[Resource, dict[InstrumentationScope | None, list[bytes]]] = {}
    lists: dict[tuple[int, int], list[bytes]] = {}
    for resource, scope, encoded in spans:
        group = lists.get((id(resource), id(scope)))
        if group is None:
            group = groups.setdefault(resource, {}).setdefault(scope, [])
            lists[id(resource), id(scope)] = group
        group.append(encoded)
    out = []
    for resource, scopes in groups.items():
        body = [_resource(resource)]
        for scope, written in scopes.items():
            schema = scope.schema_url if scope else None
            scoped = _scope(scope) + b"".join(written) + string(b"\x1a", schema)
            body.append(field(b"\x12", scoped))
        body.append(string(b"\x1a", resource.schema_url))
        out.append(field(b"\x0a", b"".join(body)))
    return b"".join(out)


def encode_spans(spans: Sequence[ReadableSpan]) -> bytes | None:
    """`ExportTraceServiceRequest` bytes, as the official `encode_spans(spans)` serializes them;
    None when a span holds a value this does not write as it would."""
    written = []
    for span in spans:
        encoded = span_bytes(span)
        if encoded is None:
            return None
        written.append((span.resource, span.instrumentation_scope or None, encoded))
    return request_body(written)
