"""The OpenAPI document tells the truth about errors: every error is an RFC 9457 problem
(application/problem+json), a validation failure (422) included, and a route that needs a token
documents 401 and 403; a route with a body documents 413 (web/limits.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

__all__ = ["PROBLEM_SCHEMA", "document_problems"]

MEDIA_TYPE = "application/problem+json"

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details; `field` names the invalid input of a 422.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "field": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}

_DESCRIPTIONS = {
    "401": "A missing, expired or invalid token",
    "403": "Another department's token, or a missing role (named in the detail)",
    "413": "The request body is over the size limit",
    "422": "Invalid input (the problem names the field)",
}


def _problem(description: str) -> dict[str, Any]:
    ref = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "content": {MEDIA_TYPE: {"schema": ref}}}


def _document(schema: dict[str, Any]) -> None:
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            codes = ["422"] if "422" in responses else []
            if operation.get("security"):
                codes += ["401", "403"]
            if "requestBody" in operation:
                codes.append("413")
            for code in codes:
                responses[code] = _problem(_DESCRIPTIONS[code])
    schema["components"]["schemas"].pop("HTTPValidationError", None)
    schema["components"]["schemas"].pop("ValidationError", None)


def document_problems(app: FastAPI) -> None:
    """Wraps ``app.openapi`` so the generated document describes the problems it answers."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _document(generate())
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
