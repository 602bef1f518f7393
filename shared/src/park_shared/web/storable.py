"""No request brings into a service what its read models cannot hold. An event is stored as one
binary value and keeps anything, but its read models are documents: PostgreSQL, under FerretDB,
stores no U+0000 (NUL) and looks none up, and BSON has no integer beyond 64 bits. One such value
in an accepted command made the read models of its event unwritable, and every command and query
of the service after it a 500 (a token revocation's, of every service that reads it). So a NUL in
the path, the query or anywhere in a JSON body (a value or a key), and a JSON integer outside
-2^63 … 2^63 - 1, are a 422 naming where, before any route runs, on every backend alike."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

__all__ = ["INT64_MAX", "refuse_unstorable"]

NUL = "\x00"
INT64_MAX = 2**63 - 1
NUL_MESSAGE = "the text contains the NUL character (U+0000), which cannot be stored"
INT_MESSAGE = f"the number is outside -{INT64_MAX + 1} … {INT64_MAX}, which cannot be stored"
_NO_BODY = frozenset({"GET", "HEAD", "OPTIONS"})
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19  # 2^63 has 19 digits: a shorter integer always fits


async def refuse_unstorable(request: Request) -> None:
    """A dependency of every route (the app's). The raw query and body are searched first (a NUL
    reaches a query as `%00`, a JSON body only as the escape `\\u0000`; an integer too large has 19
    digits or more), so a clean request costs three byte searches; only a hit is parsed to name
    where."""
    for name, value in request.path_params.items():
        if NUL in str(value):
            _refuse(("path", name), value, NUL_MESSAGE)
    if b"%00" in request.scope.get("query_string", b""):
        for name, value in request.query_params.multi_items():
            if NUL in name or NUL in value:
                _refuse(("query", name), value, NUL_MESSAGE)
    if request.method in _NO_BODY:
        return
    raw = await request.body()
    if b"\\u0000" not in raw and _LONG_NUMBER not in raw.translate(_DIGITS_AS_ZERO):
        return
    try:
        body = await request.json()  # parsed once: FastAPI has read it for the route already
    except ValueError:
        return  # not JSON: a route that takes no body, sent one it will not read
    found = _unstorable_in(body, ("body",))
    if found is not None:
        _refuse(*found)


def _unstorable_in(value: Any, at: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], Any, str] | None:
    if isinstance(value, str):
        return (at, None, NUL_MESSAGE) if NUL in value else None
    if isinstance(value, int) and not isinstance(value, bool):
        return (at, value, INT_MESSAGE) if not -INT64_MAX - 1 <= value <= INT64_MAX else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = ((*at, key), None, NUL_MESSAGE) if NUL in key else _unstorable_in(item, (*at, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _unstorable_in(item, (*at, index))
            if found is not None:
                return found
    return None


def _refuse(loc: tuple[str | int, ...], value: object, message: str) -> None:
    error = {"type": "value_unstorable", "loc": loc, "msg": message, "input": value}
    raise RequestValidationError([error])
