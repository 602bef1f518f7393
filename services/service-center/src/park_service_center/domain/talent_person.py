"""A person a talent subsidy is applied for: named in every talent event only by a pseudonymous
`person_key` (a keyed hash of the identity number); the name and identity number are sealed in a
token only this service's vault opens, and erased by destroying the person's key, which the event
PersonalDataErased records without the data. Both events stay internal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict
from park_shared.events import Event
from park_shared.personal_data.subject import DataSubject, ErasePersonalData, SubjectErased

__all__ = [
    "ErasePersonData",
    "IdentifyPerson",
    "PersonCommand",
    "PersonEvent",
    "PersonIdentified",
    "PersonalDataErased",
    "TalentPerson",
    "person_decider",
]


class IdentifyPerson(Command):
    person_key: str
    personal: str
    """The sealed token of the person's name and identity number."""
    identified_on: date


class ErasePersonData(ErasePersonalData):
    """Erase the person's personal data (park_shared.personal_data.subject)."""


class PersonIdentified(Event):
    """Internal. `personal` is the sealed token; the latest one is the person's details."""

    person_key: str
    personal: str
    identified_on: date


class PersonalDataErased(SubjectErased):
    """Internal: the person's key was destroyed; the sealed data is unreadable everywhere."""


PersonCommand = IdentifyPerson | ErasePersonData
PersonEvent = PersonIdentified | PersonalDataErased


class TalentPerson(DataSubject):
    status: Literal["none", "identified", "erased"] = "none"
    person_key: str = ""


def decide(command: PersonCommand, state: TalentPerson) -> Sequence[PersonEvent]:
    match command:
        case IdentifyPerson():
            if state.status == "erased":
                raise Conflict(
                    f"the personal data of person {state.person_key} was erased at {state.erased_at}; "
                    "it is not collected again",
                    erased_at=str(state.erased_at),
                )
            return [
                PersonIdentified(
                    person_key=command.person_key,
                    personal=command.personal,
                    identified_on=command.identified_on,
                )
            ]
        case ErasePersonData():
            state.ensure_erasable("person", state.person_key)
            return [PersonalDataErased(subject_id=state.person_key, erased_at=command.erased_at)]


def evolve(state: TalentPerson, event: PersonEvent) -> TalentPerson:
    match event:
        case PersonIdentified():
            return TalentPerson(status="identified", person_key=event.person_key)
        case PersonalDataErased():
            return state.erased(event)


person_decider: Decider[PersonCommand, TalentPerson, PersonEvent] = Decider(TalentPerson(), decide, evolve)
