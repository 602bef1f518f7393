"""What every erasure request is refused for, whatever holds the personal data (pure)."""

from __future__ import annotations

from datetime import datetime

from park_shared.errors import Conflict, NotFound

__all__ = ["ensure_erasable"]


def ensure_erasable(noun: str, subject_id: str, status: str, erased_at: datetime | None) -> None:
    """No such data subject (404), or its personal data erased already (409, saying when)."""
    if status == "none":
        raise NotFound(f"there is no such {noun}")
    if status == "erased":
        raise Conflict(
            f"the personal data of {noun} {subject_id} was erased at {erased_at}", erased_at=str(erased_at)
        )
