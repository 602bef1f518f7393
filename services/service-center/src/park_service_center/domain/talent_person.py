"""A person a talent subsidy is applied for: named in every talent event only by a pseudonymous
`person_key` (a keyed hash of the identity number); the name and identity number are sealed in a
token only this service's vault opens, and erased by destroying the person's key, which the event
PersonalDataErased records without the data. Both events stay internal."""

from __future__ import annotations

from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.events import Event
from park_shared.personal_data.subject import DataSubject, ErasePersonalData, SubjectErased, subject_decider

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


person_decider: Decider[PersonCommand, TalentPerson, PersonEvent] = subject_decider(
    TalentPerson(),
    noun="person",
    record=IdentifyPerson,
    recorded=PersonIdentified,
    recorded_state=lambda event: TalentPerson(status="identified", person_key=event.person_key),
    erase=ErasePersonData,
    erased=PersonalDataErased,
    subject_id=lambda state: state.person_key,
    once=None,
)
