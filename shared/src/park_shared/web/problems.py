"""RFC 9457 problem details for every error: a field for 422, a reason for 409 and 403."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from park_shared.errors import DomainError, NotConnected

__all__ = ["ServiceUnavailable", "install_problem_handlers", "problem"]

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"


ServiceUnavailable = NotConnected
"""The web layer's name for a part not connected yet (503)."""


def problem(status: int, title: str, detail: str, request: Request, **extra: Any) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    headers = {"Retry-After": str(extra["retry_after"])} if "retry_after" in extra else None
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or str(loc[0] if loc else "body")


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    extra = dict(exc.extra)
    if exc.field is not None:
        extra["field"] = exc.field
    return problem(exc.status, exc.title, exc.detail, request, **extra)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_error(e, exc.body) for e in exc.errors()]
    errors += _unknown_park(request, exc.body, errors)
    fields = ", ".join(dict.fromkeys(e["field"] for e in errors))
    detail = errors[0]["message"] if errors[0]["field"] == "body" else f"invalid input in: {fields}"
    return problem(422, "Invalid input", detail, request, errors=errors, field=errors[0]["field"])


def _error(error: Any, body: Any) -> dict[str, str]:
    loc = tuple(error.get("loc", ()))
    if error.get("type") == "json_invalid" and isinstance(body, str | bytes) and len(loc) == 2:
        doc = body.decode(errors="replace") if isinstance(body, bytes) else body
        position = int(loc[1])
        line = doc.count("\n", 0, position) + 1
        column = position - doc.rfind("\n", 0, position)
        reason = error.get("ctx", {}).get("error", "")
        message = f"the body is not valid JSON at line {line}, column {column}" + (
            f": {reason}" if reason else ""
        )
        return {"field": "body", "message": message}
    return {"field": _field_path(loc), "message": error.get("msg", "invalid")}


def _unknown_park(request: Request, body: Any, errors: list[dict[str, str]]) -> list[dict[str, str]]:
    """The zone's parks are checked after the body's shape; when the shape is wrong too, one 422
    still names every wrong field, an unknown `park_id` included."""
    runtime = getattr(request.app.state, "runtime", None)
    parks = getattr(getattr(runtime, "settings", None), "park_parks", None)
    park = body.get("park_id") if isinstance(body, dict) else None
    if (
        not parks
        or not isinstance(park, str)
        or park in parks
        or any(e["field"] == "park_id" for e in errors)
    ):
        return []
    return [{"field": "park_id", "message": f"unknown park {park!r}; the parks are {', '.join(parks)}"}]


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    if isinstance(exc.__cause__, UnicodeDecodeError):  # FastAPI's 400 for a JSON body not in UTF-8
        return await _validation_error(request, _not_utf8(exc.__cause__))
    return problem(exc.status_code, str(exc.detail), str(exc.detail), request)


def _not_utf8(error: UnicodeDecodeError) -> RequestValidationError:
    """A JSON body must be UTF-8 (RFC 8259): refused as invalid input, as malformed JSON is."""
    byte = f"the byte at offset {error.start} (0x{error.object[error.start]:02x})"
    message = f"the body is not valid JSON: {byte} is not {error.encoding.upper()}"
    return RequestValidationError([{"type": "utf8_invalid", "loc": ("body",), "msg": message, "input": None}])


_UNAVAILABLE = {"ServerSelectionTimeoutError", "AutoReconnect", "NetworkTimeout", "ConnectionFailure"}


def _is_outage(exc: Exception) -> bool:
    names = {cls.__name__ for cls in type(exc).__mro__}
    return isinstance(exc, ConnectionError | TimeoutError) or bool(names & _UNAVAILABLE)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    if _is_outage(exc):
        log.warning("%s %s: a backing server is unreachable: %s", request.method, request.url.path, exc)
        return problem(
            503,
            "Service unavailable",
            "a backing server is unreachable; retry shortly",
            request,
            retry_after=5,
        )
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem(500, "Internal error", "the request failed; it has been logged", request)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
