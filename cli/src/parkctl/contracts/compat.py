"""Is a changed event schema still readable by its consumers? Pure.

Breaking without a new version (docs/events.md: "add optional fields freely, anything else needs
a new version"): a field removed, a field's type changed, a new required field, an optional
field made required or a required one optional, new allowed values of an enum, an event type
gone. Adding an optional field passes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from parkctl.contracts.shape import Field, fields_of, split_union

__all__ = ["breaking_changes", "compare", "reading_mismatches"]

Schema = dict[str, Any]


def compare(old: Schema, new: Schema) -> list[str]:
    """The incompatible changes from `old` to `new`, one sentence each."""
    before, after = fields_of(old), fields_of(new)
    changes: list[str] = []
    for path, was in before.items():
        now = after.get(path)
        if now is None:
            changes.append(f"field '{path}' removed")
            continue
        changes += _changed(path, was, now)
    for path, now in after.items():
        if path not in before and now.required and _parent_existed(path, before):
            changes.append(f"new required field '{path}' ({now.type})")
    return changes


def _changed(path: str, was: Field, now: Field) -> list[str]:
    changes: list[str] = []
    if was.type != now.type:
        changes.append(f"field '{path}' changed type from {was.type} to {now.type}")
    if was.required and not now.required:
        changes.append(f"field '{path}' is no longer required")
    if now.required and not was.required:
        changes.append(f"field '{path}' became required")
    if was.values is not None and (now.values is None or not now.values <= was.values):
        added = "any value" if now.values is None else ", ".join(sorted(now.values - was.values))
        changes.append(f"field '{path}' allows new values: {added}")
    return changes


def _parent_existed(path: str, before: Mapping[str, Field]) -> bool:
    """A required field inside a new optional object is part of that object, not a new demand."""
    parent = path.rsplit(".", 1)[0].removesuffix("[]") if "." in path else ""
    return parent == "" or parent in before


def breaking_changes(snapshot: Mapping[str, Schema], current: Mapping[str, Schema]) -> dict[str, list[str]]:
    """Per event type of the snapshot, what changed incompatibly (types missing now included)."""
    found: dict[str, list[str]] = {}
    for type_, old in sorted(snapshot.items()):
        new = current.get(type_)
        changes = (
            ["the event type is gone (publish a new version beside it instead)"]
            if new is None
            else compare(old, new)
        )
        if changes:
            found[type_] = changes
    return found


def _accepts(reader: str, producer: str) -> bool:
    """Whether every JSON type the producer may write is one the reader accepts."""
    accepted = set(split_union(reader))
    if "any" in accepted or reader == producer:
        return True
    for kind in split_union(producer):
        base = kind.split("(")[0].split("<")[0]
        if not (kind in accepted or base in accepted or (base == "integer" and "number" in accepted)):
            return False
    return True


def reading_mismatches(reading: Schema, produced: Schema) -> list[str]:
    """What a consumer's reading needs that the producer's events do not promise."""
    needs, offers = fields_of(reading), fields_of(produced)
    problems: list[str] = []
    for path, need in needs.items():
        offer = offers.get(path)
        if offer is None:
            if need.required:
                problems.append(f"reads required field '{path}' that the producer does not publish")
            continue
        if need.required and not offer.required:
            problems.append(f"requires field '{path}' that the producer may leave out")
        if not _accepts(need.type, offer.type):
            problems.append(f"reads '{path}' as {need.type} but the producer writes {offer.type}")
        elif need.values is not None and (offer.values is None or not offer.values <= need.values):
            extra = "any value" if offer.values is None else ", ".join(sorted(offer.values - need.values))
            problems.append(
                f"reads '{path}' as one of {sorted(need.values)} but the producer may write {extra}"
            )
    return problems
