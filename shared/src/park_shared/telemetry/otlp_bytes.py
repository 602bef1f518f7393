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

from collections.abc import Iterable, Mapping, Sequence
from struct import Struct
from typing import Any

from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans as official_encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Event, ReadableSpan, Span
from opentelemetry.sdk.util.instrumentation import InstrumentationScope
from opentelemetry.trace import Link, SpanKind

__all__ = ["Scoped", "encode_spans", "official_span_bytes", "request_body", "span_bytes"]

_FIXED64 = Struct("<Q").pack
_FIXED32 = Struct("<I").pack
_DOUBLE = Struct("<d").pack
_INT64 = (-(2**63), 2**63)
_KIND = {
    SpanKind.INTERNAL: b"\x30\x01",
    SpanKind.SERVER: b"\x30\x02",
    SpanKind.CLIENT: b"\x30\x03",
    SpanKind.PRODUCER: b"\x30\x04",
    SpanKind.CONSUMER: b"\x30\x05",
}
_FLAGS_LOCAL = b"\x85\x01" + _FIXED32(0x100)  # SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE
_FLAGS_REMOTE = b"\x85\x01" + _FIXED32(0x300)  # ... | SPAN_FLAGS_CONTEXT_IS_REMOTE
_LINK_FLAGS_LOCAL = b"\x35" + _FIXED32(0x100)
_LINK_FLAGS_REMOTE = b"\x35" + _FIXED32(0x300)
_SMALL = [bytes((n,)) for n in range(0x80)]


class _Unwritable(Exception):
    """A value the official encoder would write otherwise (or not at all)."""


def _varint(n: int) -> bytes:
    if n < 0x80:
        return _SMALL[n]
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _field(tag: bytes, payload: bytes) -> bytes:
    """A length-delimited field."""
    return tag + _varint(len(payload)) + payload


_keys: dict[str, bytes] = {}


def _key(key: str) -> bytes:
    """KeyValue's key field (left out when empty, as proto3 leaves an empty string)."""
    found = _keys.get(key)
    if found is None:
        if len(_keys) > 4096:
            _keys.clear()
        found = _keys[key] = _field(b"\x0a", key.encode()) if key else b""
    return found


def _value(value: Any) -> bytes:
    """An AnyValue message's body."""
    kind = type(value)
    if kind is str:
        data: bytes = value.encode()
        return b"\x0a" + _varint(len(data)) + data
    if kind is bool:
        return b"\x10\x01" if value else b"\x10\x00"
    if kind is int:
        if not _INT64[0] <= value < _INT64[1]:
            raise _Unwritable(value)
        return b"\x18" + _varint(value & 0xFFFFFFFFFFFFFFFF)
    if kind is float:
        return b"\x21" + _DOUBLE(value)
    if value is None:
        return b""
    if kind is bytes:
        return _field(b"\x3a", value)
    if kind is tuple or kind is list:
        return _field(b"\x2a", b"".join([_field(b"\x0a", _value(v)) for v in value]))
    if kind is dict:
        return _field(b"\x32", b"".join([_field(b"\x0a", _key_value(str(k), v)) for k, v in value.items()]))
    raise _Unwritable(value)


def _key_value(key: str, value: Any) -> bytes:
    return _key(key) + _field(b"\x12", _value(value))


def _attributes(tag: bytes, attributes: Mapping[str, Any] | None) -> list[bytes]:
    if not attributes:
        return []
    return [_field(tag, _key_value(k, v)) for k, v in attributes.items()]


_pairs: dict[type, dict[tuple[str, Any], bytes]] = {str: {}, int: {}, bool: {}}
"""A span's attribute fields by value type, then by (key, value): most of a service's spans
carry the same pairs (the method, the host, the route, the topic...). Not floats: 0.0 and -0.0
are one key and two encodings."""


def _span_attributes(attributes: Mapping[str, Any]) -> list[bytes]:
    """A span's attribute fields (tag 9), those of a str, int or bool value looked up."""
    out = []
    for pair in attributes.items():
        known = _pairs.get(type(pair[1]))
        if known is None:
            out.append(_field(b"\x4a", _key_value(*pair)))
            continue
        found = known.get(pair)
        if found is None:
            if len(known) >= 4096:
                known.clear()
            found = known[pair] = _field(b"\x4a", _key_value(*pair))
        out.append(found)
    return out


def _uint(tag: bytes, n: int) -> bytes:
    return tag + _varint(n) if n else b""


def _string(tag: bytes, text: str | None) -> bytes:
    return _field(tag, text.encode()) if text else b""


def _span(span: ReadableSpan) -> bytes:
    if type(span) is not ReadableSpan and type(span) is not Span:
        raise _Unwritable(span)  # its own properties: read by the official encoder
    ctx = span._context
    assert ctx is not None
    parent = span._parent
    parts = [
        b"\x0a\x10" + ctx.trace_id.to_bytes(16, "big") + b"\x12\x08" + ctx.span_id.to_bytes(8, "big"),
    ]
    trace_state = ctx.trace_state
    if trace_state:
        parts.append(_string(b"\x1a", ",".join([f"{k}={v}" for k, v in trace_state.items()])))
    if parent:
        parts.append(b"\x22\x08" + parent.span_id.to_bytes(8, "big"))
    parts.append(_name(span._name))
    parts.append(_KIND[span._kind])
    if span._start_time:
        parts.append(b"\x39" + _FIXED64(span._start_time))
    if span._end_time:
        parts.append(b"\x41" + _FIXED64(span._end_time))
    attributes = span._attributes
    if attributes:
        parts += _span_attributes(attributes)
    if type(attributes) is not dict:
        parts.append(_uint(b"\x50", span.dropped_attributes))
    events = span._events
    if events:
        parts += [_event(event) for event in events]
    if type(events) is not tuple:
        parts.append(_uint(b"\x60", span.dropped_events))
    links = span._links
    if links:
        parts += [_link(link) for link in links]
    if type(links) is not tuple:
        parts.append(_uint(b"\x70", span.dropped_links))
    status = span._status
    if status is not None:
        code = status.status_code.value
        description = status.description
        parts.append(
            _field(b"\x7a", _string(b"\x12", description) + _uint(b"\x18", code))
            if description
            else _STATUS[code]
        )
    parts.append(_FLAGS_REMOTE if parent and parent.is_remote else _FLAGS_LOCAL)
    return b"".join(parts)


_STATUS = {code: _field(b"\x7a", _uint(b"\x18", code)) for code in range(3)}
_names: dict[str, bytes] = {}


def _name(name: str) -> bytes:
    """A span's name field, looked up (a service's spans have a few dozen names)."""
    found = _names.get(name)
    if found is None:
        if len(_names) >= 1024:
            _names.clear()
        found = _names[name] = _string(b"\x2a", name)
    return found


def _event(event: Event) -> bytes:
    timestamp = event.timestamp
    body = [b"\x09" + _FIXED64(timestamp) if timestamp else b"", _string(b"\x12", event.name)]
    body += _attributes(b"\x1a", event.attributes)
    body.append(_uint(b"\x20", event.dropped_attributes))
    return _field(b"\x5a", b"".join(body))


def _link(link: Link) -> bytes:
    linked = link.context
    body = [
        b"\x0a\x10" + linked.trace_id.to_bytes(16, "big"),
        b"\x12\x08" + linked.span_id.to_bytes(8, "big"),
    ]
    body += _attributes(b"\x22", link.attributes)
    body.append(_uint(b"\x28", link.dropped_attributes))
    body.append(_LINK_FLAGS_REMOTE if linked.is_remote else _LINK_FLAGS_LOCAL)
    return _field(b"\x6a", b"".join(body))


def _scope(scope: InstrumentationScope | None) -> bytes:
    """`ScopeSpans.scope`, as a field."""
    if scope is None:
        return b"\x0a\x00"
    body = [_string(b"\x0a", scope.name), _string(b"\x12", scope.version)]
    return _field(b"\x0a", b"".join(body + _attributes(b"\x1a", scope.attributes)))


def _resource(resource: Resource) -> bytes:
    """`ResourceSpans.resource`, as a field."""
    return _field(b"\x0a", b"".join(_attributes(b"\x0a", resource.attributes)))


Scoped = tuple[Resource, InstrumentationScope | None, bytes]
"""A finished span's resource, scope and `span_bytes`: what `request_body` groups."""


def span_bytes(span: ReadableSpan) -> bytes | None:
    """The span as a `ScopeSpans.spans` field; None when it holds a value this does not write
    as the official encoder would."""
    try:
        return _field(b"\x12", _span(span))
    except Exception:  # noqa: BLE001 - a value not written here: the official encoder decides
        return None


def official_span_bytes(span: ReadableSpan) -> bytes:
    """The span as a `ScopeSpans.spans` field, by the official encoder (it may raise)."""
    request = official_encode_spans([span])
    found = [s for rs in request.resource_spans for ss in rs.scope_spans for s in ss.spans]
    return b"".join([_field(b"\x12", s.SerializePartialToString()) for s in found])


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
            scoped = _scope(scope) + b"".join(written) + _string(b"\x1a", schema)
            body.append(_field(b"\x12", scoped))
        body.append(_string(b"\x1a", resource.schema_url))
        out.append(_field(b"\x0a", b"".join(body)))
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
