"""The protobuf wire format of the OTLP values a span carries: varints, length-delimited
fields, `KeyValue` attributes with their `AnyValue`s as the official encoder writes them (a
value it would write otherwise raises `Unwritable`), and a span's attribute fields looked up
once written (telemetry/otlp_bytes.py writes the spans with these)."""

from __future__ import annotations

from collections.abc import Mapping
from struct import Struct
from typing import Any

__all__ = [
    "FIXED32",
    "FIXED64",
    "KEY_FIELDS",
    "SMALL",
    "Unwritable",
    "attribute_fields",
    "field",
    "key_field",
    "key_value",
    "span_attributes",
    "string",
    "uint",
    "varint",
]

FIXED64 = Struct("<Q").pack
FIXED32 = Struct("<I").pack
_DOUBLE = Struct("<d").pack
_INT64 = (-(2**63), 2**63)
SMALL = [bytes((n,)) for n in range(0x80)]
"""The varint of each n < 0x80."""


class Unwritable(Exception):
    """A value the official encoder would write otherwise (or not at all)."""


def varint(n: int) -> bytes:
    if n < 0x80:
        return SMALL[n]
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def field(tag: bytes, payload: bytes) -> bytes:
    """A length-delimited field."""
    return tag + varint(len(payload)) + payload


KEY_FIELDS: dict[str, bytes] = {}
"""KeyValue key fields by key, as `key_field` writes them."""


def key_field(key: str) -> bytes:
    """KeyValue's key field (left out when empty, as proto3 leaves an empty string)."""
    found = KEY_FIELDS.get(key)
    if found is None:
        if len(KEY_FIELDS) > 4096:
            KEY_FIELDS.clear()
        found = KEY_FIELDS[key] = field(b"\x0a", key.encode()) if key else b""
    return found


def _value(value: Any) -> bytes:
    """An AnyValue message's body."""
    kind = type(value)
    if kind is str:
        data: bytes = value.encode()
        return b"\x0a" + varint(len(data)) + data
    if kind is bool:
        return b"\x10\x01" if value else b"\x10\x00"
    if kind is int:
        if not _INT64[0] <= value < _INT64[1]:
            raise Unwritable(value)
        return b"\x18" + varint(value & 0xFFFFFFFFFFFFFFFF)
    if kind is float:
        return b"\x21" + _DOUBLE(value)
    if value is None:
        return b""
    if kind is bytes:
        return field(b"\x3a", value)
    if kind is tuple or kind is list:
        return field(b"\x2a", b"".join([field(b"\x0a", _value(v)) for v in value]))
    if kind is dict:
        return field(b"\x32", b"".join([field(b"\x0a", key_value(str(k), v)) for k, v in value.items()]))
    raise Unwritable(value)


def key_value(key: str, value: Any) -> bytes:
    return key_field(key) + field(b"\x12", _value(value))


def attribute_fields(tag: bytes, attributes: Mapping[str, Any] | None) -> list[bytes]:
    if not attributes:
        return []
    return [field(tag, key_value(k, v)) for k, v in attributes.items()]


_pairs: dict[type, dict[tuple[str, Any], bytes]] = {str: {}, int: {}, bool: {}}
"""A span's attribute fields by value type, then by (key, value): most of a service's spans
carry the same pairs (the method, the host, the route, the topic...). Not floats: 0.0 and -0.0
are one key and two encodings."""


def span_attributes(attributes: Mapping[str, Any]) -> list[bytes]:
    """A span's attribute fields (tag 9), those of a str, int or bool value looked up."""
    out = []
    for pair in attributes.items():
        known = _pairs.get(type(pair[1]))
        if known is None:
            out.append(field(b"\x4a", key_value(*pair)))
            continue
        found = known.get(pair)
        if found is None:
            if len(known) >= 4096:
                known.clear()
            found = known[pair] = field(b"\x4a", key_value(*pair))
        out.append(found)
    return out


def uint(tag: bytes, n: int) -> bytes:
    return tag + varint(n) if n else b""


def string(tag: bytes, text: str | None) -> bytes:
    return field(tag, text.encode()) if text else b""
