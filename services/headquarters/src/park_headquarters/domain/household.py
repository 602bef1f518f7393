"""A household (农户) of a land requisition case: registered under its collective with its
personal data (the head of household's name and identity number) sealed in a token only
headquarters' vault opens (park_shared.personal_data), under the household's own key; erased by
destroying that key, which PersonalDataErased records without the data. Both events stay in
headquarters' store; the case and the topic count households and never name them."""

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
    "EraseHouseholdData",
    "HouseholdCommand",
    "HouseholdEvent",
    "HouseholdRegistered",
    "PersonalDataErased",
    "RegisterHousehold",
    "decider",
]


class RegisterHousehold(Command):
    household_id: str
    case_id: str
    collective_id: str
    personal: str
    """The sealed token of the household's personal data."""
    registered_on: date


class EraseHouseholdData(ErasePersonalData):
    """Erase the household's personal data (park_shared.personal_data.subject)."""


class HouseholdRegistered(Event):
    """Internal. `personal` is the sealed token of the household's personal data."""

    household_id: str
    case_id: str
    collective_id: str
    personal: str
    registered_on: date


class PersonalDataErased(SubjectErased):
    """Internal: the household's key was destroyed; its sealed data is unreadable everywhere."""


HouseholdCommand = RegisterHousehold | EraseHouseholdData
HouseholdEvent = HouseholdRegistered | PersonalDataErased


decider: Decider[HouseholdCommand, RecordedSubject, HouseholdEvent] = subject_decider(
    "household",
    RegisterHousehold,
    HouseholdRegistered,
    EraseHouseholdData,
    PersonalDataErased,
    subject_of=lambda event: event.household_id,
    once="registered",
)
