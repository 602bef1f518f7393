"""A data subject's erasure: the one rule every service that keeps personal data applies (pure).

The erase command names when; an unknown subject is refused (404), one erased already too (409,
saying when); the event records whose key was destroyed and when, never the data. Each service
declares its own erase command and its own `PersonalDataErased` on these bases (its own type
name in traces and on the wire), adding only what it alone records. `subject_decider` is the
whole decider of a subject that is only recorded (its sealed data) and erased."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, NotFound
from park_shared.events import Event

__all__ = ["DataSubject", "ErasePersonalData", "RecordedSubject", "SubjectErased", "subject_decider"]


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
        self.ensure_not_erased(noun, subject_id)

    def ensure_not_erased(self, noun: str, subject_id: str, why: str = "") -> None:
        """Its personal data erased already: 409, saying when (and `why` that matters)."""
        if self.status == "erased":
            raise Conflict(
                f"the personal data of {noun} {subject_id} was erased at {self.erased_at}{why}",
                erased_at=str(self.erased_at),
            )

    def erased(self, event: SubjectErased) -> Self:
        """The state after `event`: erased, and when."""
        return self.model_copy(update={"status": "erased", "erased_at": event.erased_at})


class RecordedSubject(DataSubject):
    """The state of a subject that is only recorded (its sealed data) and erased."""

    status: Literal["none", "recorded", "erased"] = "none"
    subject_id: str = ""


RecordT = TypeVar("RecordT", bound=Command)
RecordedT = TypeVar("RecordedT", bound=Event)
EraseT = TypeVar("EraseT", bound=ErasePersonalData)
ErasedT = TypeVar("ErasedT", bound=SubjectErased)


def subject_decider(
    noun: str,
    record: type[RecordT],
    recorded: type[RecordedT],
    erase: type[EraseT],
    erased: type[ErasedT],
    *,
    subject_of: Callable[[RecordedT], str],
    once: str | None,
) -> Decider[RecordT | EraseT, RecordedSubject, RecordedT | ErasedT]:
    """The decider of a data subject that is only recorded and erased: `record` becomes
    `recorded`, an event with the command's fields naming the subject (`subject_of`); `erase`
    becomes `erased` by the rule above. `once` is what a second record is refused as (409
    "<noun> <id> is <once> already"); with None the latest record stands and only an erased
    subject's data is refused (409: it is not collected again)."""

    def decide(command: RecordT | EraseT, state: RecordedSubject) -> Sequence[RecordedT | ErasedT]:
        if isinstance(command, erase):
            state.ensure_erasable(noun, state.subject_id)
            return [erased(subject_id=state.subject_id, erased_at=command.erased_at)]
        if once is None:
            state.ensure_not_erased(noun, state.subject_id, "; it is not collected again")
        elif state.status != "none":
            raise Conflict(f"{noun} {state.subject_id} is {once} already")
        return [recorded.model_validate(command, from_attributes=True)]

    def evolve(state: RecordedSubject, event: RecordedT | ErasedT) -> RecordedSubject:
        if isinstance(event, erased):
            return state.erased(event)
        if isinstance(event, recorded):
            return RecordedSubject(status="recorded", subject_id=subject_of(event))
        return state

    return Decider(RecordedSubject(), decide, evolve)
