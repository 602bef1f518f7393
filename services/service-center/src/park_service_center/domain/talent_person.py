"""A person a talent subsidy is applied for: named in every talent event only by a pseudonymous
`person_key` (a keyed hash of the identity number); the name and identity number are sealed in a
token only this service's vault opens, and erased by destroying the person's key, which the event
PersonalDataErased records without the data. Both events stay internal."""

from __future__ import annotations

from datetime import date

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.events import Event
from park_shared.personal_data.subject import (
    ErasePersonalData,
    RecordedSubject,
    SubjectErased,
    subject_decider,
)

__all__ = [
    "ErasePersonData",
    "IdentifyPerson",
    "PersonCommand",
    "PersonEvent",
    "PersonIdentified",
    "PersonalDataErased",
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


person_decider: Decider[PersonCommand, RecordedSubject, PersonEvent] = subject_decider(
    "person",
    IdentifyPerson,
    PersonIdentified,
    ErasePersonData,
    PersonalDataErased,
    subject_of=lambda event: event.person_key,
    once=None,
)
