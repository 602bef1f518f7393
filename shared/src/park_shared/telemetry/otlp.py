"""Finished spans as the OTLP/HTTP exporter's request body, written directly as protobuf bytes.

The OTLP exporter's `encode_spans` builds a protobuf message object for every span, attribute,
value, event and link, then serializes the tree: ~31 µs of CPU per span in the batch processor's
thread, as much as the suite spends recording the span. `encode_spans` here writes the same
`ExportTraceServiceRequest` bytes from the spans in one pass (the protobuf wire format: fields in
number order, proto3 defaults left out, a message field that the official encoder sets written
even when empty, a oneof value even when it is its type's default). A span it cannot write as
the official encoder would (an attribute value of another type than str, bool, int in int64,
float, bytes, a list or tuple or mapping of these, None) makes it return None, and
`OtlpSpanExporter` then encodes that batch the official way. shared/tests/test_otlp_encoding.py
compares the bytes with the official encoder's for the suite's span shapes and odd ones.

`OtlpSpanExporter` is the OTLP/HTTP exporter (its endpoint, headers, compression, transport,
size limit and metrics) with this encoding."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from struct import Struct
from typing import Any

from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans as official_encode_spans
from opentelemetry.exporter.otlp.proto.http._common import RequestPayloadTooLargeError, _is_request_too_large
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExportResult
from opentelemetry.sdk.util.instrumentation import InstrumentationScope
from opentelemetry.semconv.attributes.http_attributes import HTTP_RESPONSE_STATUS_CODE
from opentelemetry.trace import SpanKind

__all__ = ["OtlpSpanExporter", "encode_spans"]

_logger = logging.getLogger(__name__)

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


def _uint(tag: bytes, n: int) -> bytes:
    return tag + _varint(n) if n else b""


def _string(tag: bytes, text: str | None) -> bytes:
    return _field(tag, text.encode()) if text else b""


def _span(span: ReadableSpan) -> bytes:
    ctx = span.get_span_context()
    assert ctx is not None
    parts = [
        b"\x0a\x10" + ctx.trace_id.to_bytes(16, "big"),
        b"\x12\x08" + ctx.span_id.to_bytes(8, "big"),
    ]
    trace_state = ctx.trace_state
    if trace_state:
        parts.append(_string(b"\x1a", ",".join([f"{k}={v}" for k, v in trace_state.items()])))
    parent = span.parent
    if parent:
        parts.append(b"\x22\x08" + parent.span_id.to_bytes(8, "big"))
    parts.append(_string(b"\x2a", span.name))
    parts.append(_KIND[span.kind])
    if span.start_time:
        parts.append(b"\x39" + _FIXED64(span.start_time))
    if span.end_time:
        parts.append(b"\x41" + _FIXED64(span.end_time))
    parts += _attributes(b"\x4a", span.attributes)
    parts.append(_uint(b"\x50", span.dropped_attributes))
    for event in span.events:
        body = [b"\x09" + _FIXED64(event.timestamp) if event.timestamp else b"", _string(b"\x12", event.name)]
        body += _attributes(b"\x1a", event.attributes)
        body.append(_uint(b"\x20", event.dropped_attributes))
        parts.append(_field(b"\x5a", b"".join(body)))
    parts.append(_uint(b"\x60", span.dropped_events))
    for link in span.links:
        linked = link.context
        body = [
            b"\x0a\x10" + linked.trace_id.to_bytes(16, "big"),
            b"\x12\x08" + linked.span_id.to_bytes(8, "big"),
        ]
        body += _attributes(b"\x22", link.attributes)
        body.append(_uint(b"\x28", link.dropped_attributes))
        body.append(_LINK_FLAGS_REMOTE if linked.is_remote else _LINK_FLAGS_LOCAL)
        parts.append(_field(b"\x6a", b"".join(body)))
    parts.append(_uint(b"\x70", span.dropped_links))
    status = span.status
    if status is not None:
        code = status.status_code.value
        parts.append(_field(b"\x7a", _string(b"\x12", status.description) + _uint(b"\x18", code)))
    parts.append(_FLAGS_REMOTE if parent and parent.is_remote else _FLAGS_LOCAL)
    return b"".join(parts)


def _scope(scope: InstrumentationScope | None) -> bytes:
    if scope is None:
        return b""
    body = [_string(b"\x0a", scope.name), _string(b"\x12", scope.version)]
    return b"".join(body + _attributes(b"\x1a", scope.attributes))


def encode_spans(spans: Sequence[ReadableSpan]) -> bytes | None:
    """`ExportTraceServiceRequest` bytes, as the official `encode_spans(spans)` serializes them;
    None when a span holds a value this does not write as it would."""
    # the official grouping: by resource, then by scope, each in order of first appearance and
    # by equality (looked up once for each pair of objects, not hashed again for each span)
    groups: dict[Resource, dict[InstrumentationScope | None, list[bytes]]] = {}
    lists: dict[tuple[int, int], list[bytes]] = {}
    try:
        for span in spans:
            resource, scope = span.resource, span.instrumentation_scope or None
            group = lists.get((id(resource), id(scope)))
            if group is None:
                group = groups.setdefault(resource, {}).setdefault(scope, [])
                lists[id(resource), id(scope)] = group
            group.append(_field(b"\x12", _span(span)))
    except Exception:  # noqa: BLE001 - a value not written here: the official encoder decides
        return None
    out = []
    for resource, scopes in groups.items():
        body = [_field(b"\x0a", b"".join(_attributes(b"\x0a", resource.attributes)))]
        for scope, encoded in scopes.items():
            schema = scope.schema_url if scope else None
            scoped = _field(b"\x0a", _scope(scope)) + b"".join(encoded) + _string(b"\x1a", schema)
            body.append(_field(b"\x12", scoped))
        body.append(_string(b"\x1a", resource.schema_url))
        out.append(_field(b"\x0a", b"".join(body)))
    return b"".join(out)


class OtlpSpanExporter(OTLPSpanExporter):
    """The OTLP/HTTP span exporter, its request body written by `encode_spans` above."""

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        if self._shutdown:
            _logger.warning("Exporter already shutdown, ignoring batch")
            return SpanExportResult.FAILURE
        with self._metrics.export_operation(len(spans)) as result:
            try:
                data = encode_spans(spans)
                if data is None:
                    data = official_encode_spans(spans).SerializePartialToString()
            except Exception as error:  # noqa: BLE001 - as the official exporter
                _logger.error("Failed to encode span batch: %s", error)
                result.error = error
                return SpanExportResult.FAILURE
            if _is_request_too_large(data, self._max_request_size):
                _logger.warning(
                    "Dropping span batch: serialized size %d bytes exceeds max_request_size %d bytes.",
                    len(data),
                    self._max_request_size,
                )
                result.error = RequestPayloadTooLargeError(
                    f"Serialized span request size {len(data)} bytes exceeds max_request_size "
                    f"{self._max_request_size} bytes."
                )
                return SpanExportResult.FAILURE
            exported = self._client.export(data)
            if not exported.success:
                result.error = exported.error
                result.error_attrs = (
                    {HTTP_RESPONSE_STATUS_CODE: exported.status_code}
                    if exported.status_code is not None
                    else None
                )
                return SpanExportResult.FAILURE
        return SpanExportResult.SUCCESS
