"""A request body size limit: 413 (a problem body) for a body over the limit, whether it says
its length up front (Content-Length) or streams it (chunked), before any route reads it."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["MAX_BODY_BYTES", "BodySizeLimit", "TooLarge"]

MAX_BODY_BYTES = 1024 * 1024
"""1 MiB: the largest command of the suite is a few kilobytes."""


class TooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over the limit of {limit} bytes")


class BodySizeLimit:
    """Pure ASGI middleware. A declared length over the limit is refused without reading the
    body, and a declared length within it passes untouched (the server delivers no more than
    it); a streamed body is counted as the app reads it, and refused once over the limit
    (the app's problem handlers answer the `TooLarge` HTTPException it raises)."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared, chunked = _framing(scope)
        if declared is not None and not chunked:
            if declared > self.max_bytes:
                await _refuse(scope, send, self.max_bytes)
                return
            # the server hands the app no more than the declared length (HTTP/1.1 framing):
            # nothing to count
            await self.app(scope, receive, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise TooLarge(self.max_bytes)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except TooLarge:
            if started:
                raise
            await _refuse(scope, send, self.max_bytes)


def _framing(scope: Scope) -> tuple[int | None, bool]:
    """The declared Content-Length (None: none, or not a number), and whether a
    Transfer-Encoding is given too (then the length is not what frames the body)."""
    length: int | None = None
    seen = encoded = False
    for name, value in scope.get("headers", ()):
        if name == b"content-length" and not seen:  # the first one, as before
            seen = True
            try:
                length = int(value)
            except ValueError:
                length = None
        elif name == b"transfer-encoding":
            encoded = True
    return length, encoded


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": "Content too large",
        "status": 413,
        "detail": f"the request body is over the limit of {limit} bytes",
        "instance": scope.get("path", ""),
    }
    payload = orjson.dumps(body)
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(payload)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
