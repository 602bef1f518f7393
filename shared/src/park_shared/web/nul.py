"""No request brings U+0000 (NUL) into a service: PostgreSQL, under FerretDB, cannot store it in a
document or look it up, so one such character in a text field made the read models of the event
that carried it unwritable, and every command and query of the service after it a 500. A NUL in
the path, the query or anywhere in a JSON body (a value or a key) is a 422 naming where, before
any route runs, on every backend alike."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

__all__ = ["refuse_nul"]

NUL = "\x00"
MESSAGE = "the text contains the NUL character (U+0000), which cannot be stored"
_NO_BODY = frozenset({"GET", "HEAD", "OPTIONS"})


async def refuse_nul(request: Request) -> None:
    """A dependency of every route (the app's). The raw query and body are searched first (a NUL
    reaches a query as `%00`, a JSON body only as the escape `\\u0000`), so a clean request costs
    two byte searches; only a hit is parsed to name where."""
    for name, value in request.path_params.items():
        if NUL in str(value):
            _refuse(("path", name), value)
    if b"%00" in request.scope.get("query_string", b""):
        for name, value in request.query_params.multi_items():
            if NUL in name or NUL in value:
                _refuse(("query", name), value)
    if request.method in _NO_BODY or b"\\u0000" not in await request.body():
        return
    try:
        body = await request.json()  # parsed once: FastAPI has read it for the route already
    except ValueError:
        return  # not JSON: a route that takes no body, sent one it will not read
    where = _nul_in(body, ("body",))
    if where is not None:
        _refuse(where, None)


def _nul_in(value: Any, at: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    if isinstance(value, str):
        return at if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = (*at, key) if NUL in key else _nul_in(item, (*at, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_in(item, (*at, index))
            if found is not None:
                return found
    return None


def _refuse(loc: tuple[str | int, ...], value: object) -> None:
    error = {"type": "string_nul", "loc": loc, "msg": MESSAGE, "input": value}
    raise RequestValidationError([error])
