"""The CloudEvents 1.0 Kafka binary-mode headers every message carries (park_shared.envelope)."""

from __future__ import annotations

from typing import Any

__all__ = ["CLOUDEVENTS_HEADERS", "message_headers"]

CLOUDEVENTS_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents 1.0 attributes as Kafka headers (binary mode), plus W3C trace context.",
    "required": ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "content-type"],
    "properties": {
        "ce_specversion": {"type": "string", "const": "1.0"},
        "ce_id": {
            "type": "string",
            "description": "unique per event; redeliveries keep it (consumers dedupe on it)",
        },
        "ce_source": {"type": "string", "pattern": "^/park/[a-z-]+$", "description": "/park/<service>"},
        "ce_type": {
            "type": "string",
            "pattern": r"^park\.[a-z-]+\.[A-Za-z]+\.v[0-9]+$",
            "description": "park.<service>.<EventName>.v<N>",
        },
        "ce_subject": {"type": "string", "description": "the aggregate's stream id, also the Kafka key"},
        "ce_time": {"type": "string", "format": "date-time"},
        "ce_correlationid": {"type": "string", "description": "the conversation the event belongs to"},
        "ce_causationid": {"type": "string", "description": "the command or event that caused it"},
        "ce_actor": {"type": "string", "description": "who caused it (pseudonymous)"},
        "ce_sequence": {
            "type": "string",
            "pattern": "^[0-9]+$",
            "description": "the event's version in its stream",
        },
        "content-type": {"type": "string", "const": "application/json"},
        "traceparent": {"type": "string", "description": "W3C trace context"},
    },
}


def message_headers(type_: str, service: str) -> dict[str, Any]:
    """The common headers, with this message's type and source fixed."""
    return {
        "allOf": [
            {"$ref": "#/components/schemas/CloudEventsHeaders"},
            {
                "type": "object",
                "properties": {
                    "ce_type": {"type": "string", "const": type_},
                    "ce_source": {"type": "string", "const": f"/park/{service}"},
                },
            },
        ]
    }
