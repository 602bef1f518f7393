"""A data subject's erasure: the one rule every service that keeps personal data applies (pure).

The erase command names when; an unknown subject is refused (404), one erased already too (409,
saying when); the event records whose key was destroyed and when, never the data. Each service
declares its own command and its own `PersonalDataErased` on these bases (its own type name on
the wire), adding only what it alone records. `subject_decider` is the whole decider of a
subject that is only recorded (its sealed data) and erased."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Self, TypeVar

from pydantic import BaseModel, ConfigDict

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, NotFound
from park_shared.events import Event

__all__ = ["DataSubject", "ErasePersonalData", "SubjectErased", "subject_decider"]


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


RecordT = TypeVar("RecordT", bound=Command)
RecordedT = TypeVar("RecordedT", bound=Event)
EraseT = TypeVar("EraseT", bound=ErasePersonalData)
ErasedT = TypeVar("ErasedT", bound=SubjectErased)
SubjectT = TypeVar("SubjectT", bound=DataSubject)


def subject_decider(
    initial: SubjectT,
    *,
    noun: str,
    record: type[RecordT],
    recorded: type[RecordedT],
    recorded_state: Callable[[RecordedT], SubjectT],
    erase: type[EraseT],
    erased: type[ErasedT],
    subject_id: Callable[[SubjectT], str],
    once: str | None,
) -> Decider[RecordT | EraseT, SubjectT, RecordedT | ErasedT]:
    """The decider of a data subject: `record` (its sealed data) becomes `recorded`, an event
    with the command's fields, and the state after it is `recorded_state`; `erase` becomes
    `erased` by the rule above. `once` names the status a second record is refused in (409
    "<noun> <id> is <once> already"); with None the latest record stands and only an erased
    subject's data is refused (409: it is not collected again)."""

    def decide(command: RecordT | EraseT, state: SubjectT) -> Sequence[RecordedT | ErasedT]:
        if isinstance(command, erase):
            state.ensure_erasable(noun, subject_id(state))
            return [erased(subject_id=subject_id(state), erased_at=command.erased_at)]
        if once is None:
            state.ensure_not_erased(noun, subject_id(state), "; it is not collected again")
        elif state.status != "none":
            raise Conflict(f"{noun} {subject_id(state)} is {once} already")
        return [recorded.model_validate(command, from_attributes=True)]

    def evolve(state: SubjectT, event: RecordedT | ErasedT) -> SubjectT:
        if isinstance(event, erased):
            return state.erased(event)
        if isinstance(event, recorded):
            return recorded_state(event)
        return state

    return Decider(initial, decide, evolve)
