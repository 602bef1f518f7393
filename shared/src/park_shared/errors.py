"""Domain errors: what a decider or handler refuses, and why. Pure: no framework imports."""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "AlreadyHandled",
    "Conflict",
    "DomainError",
    "Forbidden",
    "Invalid",
    "NotConnected",
    "NotFound",
    "StaleVersion",
    "WrongExpectedVersion",
]


class DomainError(Exception):
    """A refusal with a status, a human detail and optional extra members for the problem body."""

    status: ClassVar[int] = 400
    title: ClassVar[str] = "Bad request"

    def __init__(self, detail: str, *, field: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.extra = extra


class Invalid(DomainError):
    status = 422
    title = "Invalid input"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"


class NotFound(DomainError):
    status = 404
    title = "Not found"


class NotConnected(DomainError):
    """A part of the service (store, read models, bus) is not connected yet: try again."""

    status = 503
    title = "Service unavailable"


class StaleVersion(Conflict):
    """The caller's expected version is not the stream's current one."""

    def __init__(self, stream_id: str, expected: int, current: int) -> None:
        super().__init__(
            f"stream {stream_id} is at version {current}, not {expected}",
            stream_id=stream_id,
            expected_version=expected,
            current_version=current,
        )
        self.current = current


class WrongExpectedVersion(Exception):
    """Raised by an event store when an append loses an optimistic-concurrency race."""

    def __init__(self, stream_id: str, expected: int, actual: int) -> None:
        super().__init__(f"{stream_id}: expected version {expected}, actual {actual}")
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual


class AlreadyHandled(Exception):
    """Raised by an event store when an inbox key was written before: the effect exists."""
