"""The AsyncAPI 3.0 document of the four topics: each topic's messages (the CloudEvents headers
and the JSON Schema of each event type and version), who sends and who receives them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from parkctl.contracts.catalog import PACKAGES, Catalog
from parkctl.contracts.headers import CLOUDEVENTS_HEADERS, message_headers

__all__ = ["ASYNCAPI_VERSION", "build_asyncapi"]

ASYNCAPI_VERSION = "3.0.0"
KAFKA_BINDING = "0.5.0"
Doc = dict[str, Any]


def _payload(type_: str, model: type[BaseModel], schemas: Doc) -> Doc:
    """The model's wire schema, its nested definitions hoisted into components/schemas."""
    schema = model.model_json_schema(
        mode="serialization", ref_template=f"#/components/schemas/{type_}.{{model}}"
    )
    for name, definition in schema.pop("$defs", {}).items():
        schemas[f"{type_}.{name}"] = definition
    schemas[type_] = schema
    return {"$ref": f"#/components/schemas/{type_}"}


def _message(type_: str, model: type[BaseModel], catalog: Catalog, schemas: Doc) -> Doc:
    _, service, name, version = type_.split(".")
    doc = (model.__doc__ or "").strip().splitlines()
    return {
        "name": name,
        "title": f"{name} {version}",
        "summary": doc[0] if doc else f"{name}, version {version[1:]}, from {service}",
        "contentType": "application/json",
        "headers": message_headers(type_, service),
        "payload": _payload(type_, model, schemas),
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": "the aggregate's stream id (= ce_subject)"},
                "bindingVersion": KAFKA_BINDING,
            }
        },
        "x-event-type": type_,
        "x-producer": service,
        "x-consumers": catalog.consumers_of(type_),
    }


def _channel(service: str, types: list[str], catalog: Catalog) -> Doc:
    consumers = sorted({c for t in types for c in catalog.consumers_of(t)})
    note = catalog.unavailable.get(service)
    return {
        "address": f"park.{service}.events",
        "title": f"{service} events",
        "description": (
            f"Everything {service} publishes, keyed by aggregate id; only {service} may write here. "
            "With PARK_NAMESPACE set the address is prefixed with `<namespace>.`."
            + (f" Its package was not importable when this was built ({note})." if note else "")
        ),
        "messages": {t.split(".", 2)[2]: {"$ref": f"#/components/messages/{t}"} for t in types},
        "x-producer": service,
        "x-consumers": consumers,
    }


def _operations(service: str, types: list[str], catalog: Catalog) -> Doc:
    def refs(chosen: list[str]) -> list[Doc]:
        return [{"$ref": f"#/channels/{service}/messages/{t.split('.', 2)[2]}"} for t in chosen]

    channel = {"$ref": f"#/channels/{service}"}
    operations: Doc = {
        f"{service}.send": {
            "action": "send",
            "channel": channel,
            "messages": refs(types),
            "x-service": service,
        }
    }
    for consumer in sorted({c for t in types for c in catalog.consumers_of(t)}):
        read = [t for t in types if consumer in catalog.consumers_of(t)]
        operations[f"{consumer}.receive.{service}"] = {
            "action": "receive",
            "channel": channel,
            "messages": refs(read),
            "summary": f"{consumer} reads {len(read)} of {service}'s event types (group `{consumer}`)",
            "bindings": {
                "kafka": {"groupId": {"type": "string", "const": consumer}, "bindingVersion": KAFKA_BINDING}
            },
            "x-service": consumer,
        }
    return operations


INFO: Doc = {
    "title": "Park OS integration events",
    "version": "1.0.0",
    "description": (
        "The events the zone's four services publish, one Kafka topic each (CloudEvents 1.0, "
        "Kafka binary mode: ce_* headers, key = aggregate id, JSON value). A changed event "
        "gets a new version (`.v2`); adding an optional field does not. See docs/events.md."
    ),
}
SERVERS: Doc = {
    "kafka": {
        "host": "127.0.0.1:9092",
        "protocol": "kafka",
        "description": "KAFKA_BOOTSTRAP_SERVERS; the embedded log carries the same messages",
    }
}


def build_asyncapi(catalog: Catalog) -> Doc:
    schemas: Doc = {"CloudEventsHeaders": CLOUDEVENTS_HEADERS}
    messages: Doc = {}
    channels: Doc = {}
    operations: Doc = {}
    for service in PACKAGES:
        produced = catalog.produced.get(service, {})
        types = sorted(produced)
        for type_ in types:
            messages[type_] = _message(type_, produced[type_], catalog, schemas)
        channels[service] = _channel(service, types, catalog)
        operations.update(_operations(service, types, catalog))
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "id": "urn:park-os:integration-events",
        "info": INFO,
        "defaultContentType": "application/json",
        "servers": SERVERS,
        "channels": channels,
        "operations": operations,
        "components": {"schemas": schemas, "messages": messages},
    }
