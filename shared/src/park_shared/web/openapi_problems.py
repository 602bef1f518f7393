"""The OpenAPI document tells the truth about errors: every error is an RFC 9457 problem
(application/problem+json), a validation failure (422) included, and a route that needs a token
documents 401 and 403; a route with a body documents 413 (web/limits.py); a route whose path names
a record documents 404, and a command (any method but GET) documents 409, the answer of a rule or
of a concurrent change (the operator's routes, tagged `operations`, document their own). A route's
own description of its 404 or 409 is kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

__all__ = ["OPERATIONS_TAG", "PROBLEM_SCHEMA", "document_problems"]

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
    "404": "No such record (the problem names it)",
    "409": "Refused by the record's state or a concurrent change (the problem says which)",
    "413": "The request body is over the size limit",
    "422": "Invalid input (the problem names the field)",
}
OPERATIONS_TAG = "operations"
_OWN_WORDING = ("404", "409")


def _problem(description: str) -> dict[str, Any]:
    ref = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "content": {MEDIA_TYPE: {"schema": ref}}}


def _document(schema: dict[str, Any]) -> None:
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for item in schema.get("paths", {}).values():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            codes = ["422"] if "422" in responses else []
            if operation.get("security"):
                codes += ["401", "403"]
            if "requestBody" in operation:
                codes.append("413")
            if OPERATIONS_TAG not in operation.get("tags", ()):
                if any(p.get("in") == "path" for p in operation.get("parameters", ())):
                    codes.append("404")
                if method != "get":
                    codes.append("409")
            codes += [code for code in _OWN_WORDING if code in responses and code not in codes]
            for code in codes:
                own = responses.get(code, {}).get("description") if code in _OWN_WORDING else None
                responses[code] = _problem(own or _DESCRIPTIONS[code])
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
