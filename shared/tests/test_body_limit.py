"""The body size limit: a body framed by its declared length passes untouched when within the
limit; a body the length does not frame (chunked) is counted as the app reads it."""

from __future__ import annotations

from typing import Any

from park_shared.web.limits import BodySizeLimit
from starlette.types import Message, Receive, Scope, Send


async def _reading_app(scope: Scope, receive: Receive, send: Send) -> None:
    size = 0
    while True:
        message = await receive()
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = str(size).encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


async def _call(headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> tuple[int, bytes, Any]:
    limit = BodySizeLimit(_reading_app, max_bytes=100)
    scope = {"type": "http", "method": "POST", "path": "/x", "headers": headers}
    left = list(chunks)
    received: list[Any] = []

    async def receive() -> Message:
        body = left.pop(0)
        return {"type": "http.request", "body": body, "more_body": bool(left)}

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    # the app's own receive when it passes untouched; the counting wrapper otherwise
    async def spying(scope: Scope, receive_: Receive, send_: Send) -> None:
        received.append(receive_)
        await _reading_app(scope, receive_, send_)

    limit.app = spying
    await limit(scope, receive, send)
    untouched = received[0] is receive if received else None  # None: the app was not called
    return sent[0]["status"], sent[1]["body"], untouched


async def test_a_declared_length_within_the_limit_passes_untouched() -> None:
    status, body, untouched = await _call([(b"content-length", b"60")], [b"x" * 30, b"x" * 30])
    assert (status, body, untouched) == (200, b"60", True)


async def test_a_declared_length_over_the_limit_is_413_unread() -> None:
    status, _, untouched = await _call([(b"content-length", b"101")], [b"x" * 101])
    assert (status, untouched) == (413, None)


async def test_a_chunked_body_is_counted_even_with_a_length_declared() -> None:
    headers = [(b"content-length", b"10"), (b"transfer-encoding", b"chunked")]
    status, _, untouched = await _call(headers, [b"x" * 60, b"x" * 60])
    assert (status, untouched) == (413, False)


async def test_a_body_without_a_length_is_counted() -> None:
    status, body, untouched = await _call([], [b"x" * 50, b"x" * 40])
    assert (status, body, untouched) == (200, b"90", False)
