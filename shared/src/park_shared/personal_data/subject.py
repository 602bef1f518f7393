"""A data subject's erasure: the one rule every service that keeps personal data applies (pure).

The erase command names when; an unknown subject is refused (404), one erased already too (409,
saying when); the event records whose key was destroyed and when, never the data. Each service
declares its own command and its own `PersonalDataErased` on these bases (its own type name on
the wire), adding only what it alone records."""

from __future__ import annotations

from datetime import datetime
from typing import Self

from pydantic import BaseModel, ConfigDict

from park_shared.command import Command
from park_shared.errors import Conflict, NotFound
from park_shared.events import Event

__all__ = ["DataSubject", "ErasePersonalData", "SubjectErased"]


class ErasePersonalData(Command):
    """Erase the personal data of the stream's subject (by destroying its key), at `erased_at`."""

    erased_at: datetime


class SubjectErased(Event):
    """The data of every PersonalDataErased: the subject whose key was destroyed, and when."""

    subject_id: str
    erased_at: datetime


class DataSubject(BaseModel):
    """The state of whatever holds a subject's personal data: `status` is "none" before it exists
    and "erased" once its key is destroyed (a subclass narrows it to its own Literal)."""

    model_config = ConfigDict(frozen=True)

    status: str = "none"
    erased_at: datetime | None = None

    def ensure_erasable(self, noun: str, subject_id: str) -> None:
        """No such data subject (404), or its personal data erased already (409, saying when)."""
        if self.status == "none":
            raise NotFound(f"there is no such {noun}")
        if self.status == "erased":
            raise Conflict(
                f"the personal data of {noun} {subject_id} was erased at {self.erased_at}",
                erased_at=str(self.erased_at),
            )

    def erased(self, event: SubjectErased) -> Self:
        """The state after `event`: erased, and when."""
        return self.model_copy(update={"status": "erased", "erased_at": event.erased_at})
