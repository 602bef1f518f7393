"""The JSON Schemas of event types: as produced (serialization mode: the JSON on the wire) and
as read (validation mode: what a consumer's model accepts)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from parkctl.contracts.catalog import Catalog

__all__ = ["Schema", "produced_schemas", "reading_schema", "wire_schema"]

Schema = dict[str, Any]


def wire_schema(model: type[BaseModel]) -> Schema:
    """The schema of the event's JSON as its producer writes it (self-contained, local $defs)."""
    return model.model_json_schema(mode="serialization")


def reading_schema(model: type[BaseModel]) -> Schema:
    return model.model_json_schema(mode="validation")


def produced_schemas(catalog: Catalog) -> dict[str, Schema]:
    """Every produced event type's wire schema, by type name (the committed snapshot's content)."""
    return {
        type_: wire_schema(model)
        for service in sorted(catalog.produced)
        for type_, model in sorted(catalog.produced[service].items())
    }
