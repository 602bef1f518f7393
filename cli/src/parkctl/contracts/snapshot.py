"""The committed snapshot of the produced events' schemas (docs/asyncapi/schemas.json) and the
check of the services' current contracts against it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parkctl.contracts.catalog import Catalog
from parkctl.contracts.compat import breaking_changes
from parkctl.contracts.schemas import Schema, produced_schemas

__all__ = ["NOTE", "check_against", "describe", "explain", "read_snapshot", "snapshot_document"]

NOTE = (
    "The JSON Schema of every event type the four services publish, as last accepted. The contract "
    "gate (tests/contracts_gate) fails when an event changes incompatibly without a new version. "
    "Refresh deliberately with `park-contracts snapshot` (see docs/asyncapi/README.md)."
)


def snapshot_document(catalog: Catalog) -> dict[str, Any]:
    return {"$comment": NOTE, "events": produced_schemas(catalog)}


def read_snapshot(path: Path) -> dict[str, Schema]:
    events: dict[str, Schema] = json.loads(path.read_text(encoding="utf-8"))["events"]
    return events


def check_against(snapshot: dict[str, Schema], catalog: Catalog) -> dict[str, list[str]]:
    return breaking_changes(snapshot, produced_schemas(catalog))


def describe(problems: dict[str, list[str]]) -> list[str]:
    """One line per event and change."""
    return [f"{type_}: {change}" for type_, changes in problems.items() for change in changes]


def explain(problems: dict[str, list[str]]) -> str:
    """The changes, then what to do."""
    return (
        "incompatible event schema changes without a new version:\n  "
        + "\n  ".join(describe(problems))
        + "\nPublish the changed event as a new version (e.g. .v2, with an upcaster from the old one), "
        "or add the field as optional. If the change is deliberate and every consumer is ready, "
        "refresh the snapshot: park-contracts snapshot"
    )
