"""OTLP bytes of a span still being the suite's `RecordingSpan` (telemetry/otlp_spans.py): the
`ScopeSpans.spans` field telemetry/otlp_bytes.py's `span_bytes` writes for its `ReadableSpan`,
written from the span's own slots with what a service's spans repeat written once: the name and
kind by name, an attribute's field by its (key, value) unless the key has had many values, the
UNSET status and the empty trace state known by identity, the ids, the parent and the times
packed by one struct each."""

from __future__ import annotations

from struct import Struct
from typing import TYPE_CHECKING, Any

from opentelemetry.trace import SpanKind
from opentelemetry.trace.span import DEFAULT_TRACE_STATE

from park_shared.telemetry.otlp_bytes import FLAGS_LOCAL, FLAGS_REMOTE, KIND, STATUS, link_field
from park_shared.telemetry.otlp_values import (
    FIXED64,
    KEY_FIELDS,
    SMALL,
    field,
    key_field,
    key_value,
    string,
    uint,
)
from park_shared.telemetry.recording import UNSET

if TYPE_CHECKING:
    from opentelemetry.trace import Link

    from park_shared.telemetry.recording import RecordingSpan

__all__ = ["recorded_span_bytes"]

_TIMES = Struct("<BQBQ").pack  # start (field 7) and end (field 8), fixed64 each
_IDS = Struct(">HQQHQ").pack  # trace id (1) and span id (2), each big-endian bytes
_PARENT = Struct(">HQ").pack  # parent span id (4)
_IDS_PARENT = Struct(">HQQHQHQ").pack  # the two, then the parent span id
_UNSET_TAIL = {False: STATUS[0] + FLAGS_LOCAL, True: STATUS[0] + FLAGS_REMOTE}  # the status and the flags
_LOW = (1 << 64) - 1
_heads: dict[str, tuple[SpanKind, bytes]] = {}
_recorded: dict[tuple[str, Any], tuple[type, bytes]] = {}
"""A recorded span's attribute fields by (key, value), with the value's type: a service's spans
repeat most pairs (the method, the host, the route, the topic ...). Equal values of another
type (1, True, 1.0) are written anew; floats are never kept (0.0 and -0.0 are one key), nor the
values of a key that has had many (a stream id, a URL: `_new_values`)."""
_new_values: dict[str, int] = {}
_MANY = 64
_many: dict[str, bytes] = {}
"""The key fields of the keys that have had many values."""
_STR_ATTRIBUTE = b"J%c%s\x12%c\n%c%s"  # field 9: KeyValue(key, AnyValue(string_value)), all lengths < 0x80


def _head(name: str, kind: SpanKind) -> bytes:
    """A span's name and kind fields not looked up in `_heads` (by name: a service's spans have
    a few dozen; the kind compared by identity, an enum member hashes in Python): written, and
    kept."""
    written = string(b"\x2a", name) + KIND[kind]
    if len(_heads) >= 1024:
        _heads.clear()
    _heads[name] = (kind, written)
    return written


def _recorded_attribute(pair: tuple[str, Any]) -> bytes:
    """A recorded span's attribute field not looked up: written, and kept unless its value is a
    float or its key has had many values (a str value of such a key written from its key's
    field kept in `_many`)."""
    key, value = pair
    kind = type(value)
    if kind is str:
        data = value.encode()
        size = len(data)
        many = _many.get(key)
        written_key = many if many is not None else KEY_FIELDS.get(key) or key_field(key)
        key_size = len(written_key)
        if size + key_size < 0x7C:
            written = _STR_ATTRIBUTE % (size + key_size + 4, written_key, size + 2, size, data)
        else:
            written = field(b"\x4a", key_value(key, value))
        if many is not None:
            return written
    else:
        written = field(b"\x4a", key_value(key, value))
    if kind is not float:
        seen = _new_values.get(key, 0)
        if seen < _MANY:
            _new_values[key] = seen + 1
            if len(_recorded) >= 4096:
                _recorded.clear()
                _new_values.clear()
                _many.clear()
            _recorded[pair] = (kind, written)
        elif kind is str:  # a key that has had many: its values written anew from now on
            _many[key] = written_key
    return written


_last_link: tuple[Any, Any, bytes] = (None, None, b"")
"""The last link written, its attributes and its field: the relay's publish spans of one batch
all link to the batch's span, by one `Link` (its context a tuple, its attributes bounded once
and immutable: while they are the same object, its field is)."""


def _link(link: Link) -> bytes:
    global _last_link
    written = link_field(link)
    _last_link = (link, link._attributes, written)
    return written


def recorded_span_bytes(span: RecordingSpan) -> bytes | None:
    """`span_bytes` of a span still being the suite's `RecordingSpan` (its fields in the same
    slots; its attributes a plain dict of str, bool, int, float or tuple-of-str values, no
    events, its links a tuple: what the caller checks), written without its `ReadableSpan`;
    None as `span_bytes` gives it."""
    try:
        ctx = span._context
        trace_id = ctx[0]
        parent = span._parent
        trace_state = ctx[4]
        start, end = span._start_time, span._end_time
        name, kind = span._name, span._kind
        found_head = _heads.get(name)
        head = found_head[1] if found_head is not None and found_head[0] is kind else _head(name, kind)
        if trace_state is DEFAULT_TRACE_STATE and start and end:
            if parent:
                parts = [
                    _IDS_PARENT(0x0A10, trace_id >> 64, trace_id & _LOW, 0x1208, ctx[1], 0x2208, parent[1]),
                    head,
                    _TIMES(0x39, start, 0x41, end),
                ]
            else:
                ids = _IDS(0x0A10, trace_id >> 64, trace_id & _LOW, 0x1208, ctx[1])
                parts = [ids, head, _TIMES(0x39, start, 0x41, end)]
        else:
            parts = [_IDS(0x0A10, trace_id >> 64, trace_id & _LOW, 0x1208, ctx[1])]
            if trace_state is not DEFAULT_TRACE_STATE:  # (an empty one is written as nothing either way)
                parts.append(string(b"\x1a", ",".join([f"{k}={v}" for k, v in trace_state.items()])))
            if parent:
                parts.append(_PARENT(0x2208, parent[1]))
            parts.append(head)
            parts.append(b"\x39" + FIXED64(start) if start else b"")
            parts.append(b"\x41" + FIXED64(end) if end else b"")
        known = _recorded
        append = parts.append
        for pair in span._attributes.items():
            found = known.get(pair)
            append(found[1] if found is not None and found[0] is type(pair[1]) else _recorded_attribute(pair))
        links = span._links
        if links:
            last = _last_link
            for link in links:
                append(last[2] if link is last[0] and link._attributes is last[1] else _link(link))
        status = span._status
        remote = parent[2] if parent else False
        if status is UNSET:
            append(_UNSET_TAIL[remote])
        else:
            description = status.description
            append(
                field(b"\x7a", string(b"\x12", description) + uint(b"\x18", status.status_code.value))
                if description
                else STATUS[status.status_code.value]
            )
            append(FLAGS_REMOTE if remote else FLAGS_LOCAL)
        body = b"".join(parts)
        size = len(body)
        if size < 0x80:
            return b"\x12" + SMALL[size] + body
        if size < 0x4000:
            return bytes((0x12, (size & 0x7F) | 0x80, size >> 7)) + body
        return field(b"\x12", body)
    except Exception:  # noqa: BLE001 - a value not written here: the official encoder decides
        return None
