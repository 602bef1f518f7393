"""A schema flattened to its fields: path → type, required, allowed values. Pure.

Paths: `lines[].amount` is the `amount` of each item of the list `lines`; `terms.rate` a field of
the object `terms`. Types: `string`, `string(date)`, `integer`, `array`, `object`, unions
joined by `|` (`string|null`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Field", "fields_of", "split_union", "type_of"]

Schema = dict[str, Any]


@dataclass(frozen=True)
class Field:
    type: str
    required: bool
    values: frozenset[str] | None
    """The allowed values (enum or const), or None for any value of the type."""


def _resolve(node: Schema, root: Schema) -> Schema:
    seen = 0
    while "$ref" in node and seen < 50:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        node = {**root.get("$defs", {}).get(name, {}), **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    if len(node.get("allOf", [])) == 1:
        node = {**_resolve(node["allOf"][0], root), **{k: v for k, v in node.items() if k != "allOf"}}
    return node


def _members(node: Schema, root: Schema) -> list[Schema]:
    node = _resolve(node, root)
    for key in ("anyOf", "oneOf"):
        if key in node:
            return [m for sub in node[key] for m in _members(sub, root)]
    return [node]


_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}


def _single(node: Schema, root: Schema) -> str:
    if "const" in node and "type" not in node:
        return _JSON_TYPES.get(type(node["const"]), "any")
    kind = node.get("type", "any")
    if isinstance(kind, list):
        return "|".join(sorted(str(k) for k in kind))
    if kind == "array" and "items" in node:
        return f"array<{type_of(node['items'], root)}>"
    return f"{kind}({node['format']})" if "format" in node else str(kind)


def type_of(node: Schema, root: Schema) -> str:
    return "|".join(sorted({_single(m, root) for m in _members(node, root)}))


def _values(node: Schema, root: Schema) -> frozenset[str] | None:
    values: set[str] = set()
    for member in _members(node, root):
        if "enum" in member:
            values |= {str(v) for v in member["enum"]}
        elif "const" in member:
            values.add(str(member["const"]))
        elif member.get("type") != "null":
            return None
    return frozenset(values)


def fields_of(
    schema: Schema, root: Schema | None = None, prefix: str = "", depth: int = 0
) -> dict[str, Field]:
    """Every field of an object schema, nested objects and list items included."""
    root = root if root is not None else schema
    node = _resolve(schema, root)
    required = set(node.get("required", []))
    found: dict[str, Field] = {}
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        found[path] = Field(type_of(sub, root), name in required, _values(sub, root))
        if depth < 8:
            found.update(_nested(sub, root, path, depth))
    return found


def _nested(sub: Schema, root: Schema, path: str, depth: int) -> dict[str, Field]:
    found: dict[str, Field] = {}
    for member in _members(sub, root):
        if member.get("type") == "object" and "properties" in member:
            found.update(fields_of(member, root, f"{path}.", depth + 1))
        elif member.get("type") == "array" and "items" in member:
            for item in _members(member["items"], root):
                if item.get("type") == "object" and "properties" in item:
                    found.update(fields_of(item, root, f"{path}[].", depth + 1))
    return found


def split_union(kind: str) -> list[str]:
    """`string|array<integer|null>` → [`string`, `array<integer|null>`] (top-level members)."""
    members: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(kind):
        depth += {"<": 1, ">": -1}.get(char, 0)
        if char == "|" and depth == 0:
            members.append(kind[start:i])
            start = i + 1
    return [*members, kind[start:]]
