"""A household (农户) of a land requisition case: registered under its collective with its
personal data (the head of household's name and identity number) sealed in a token only
headquarters' vault opens (park_shared.personal_data), under the household's own key; erased by
destroying that key, which PersonalDataErased records without the data. Both events stay in
headquarters' store; the case and the topic count households and never name them."""

from __future__ import annotations

from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.events import Event
from park_shared.personal_data.subject import DataSubject, ErasePersonalData, SubjectErased, subject_decider

__all__ = [
    "EraseHouseholdData",
    "Household",
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


class Household(DataSubject):
    status: Literal["none", "registered", "erased"] = "none"
    household_id: str = ""


decider: Decider[HouseholdCommand, Household, HouseholdEvent] = subject_decider(
    Household(),
    noun="household",
    record=RegisterHousehold,
    recorded=HouseholdRegistered,
    recorded_state=lambda event: Household(status="registered", household_id=event.household_id),
    erase=EraseHouseholdData,
    erased=PersonalDataErased,
    subject_id=lambda state: state.household_id,
    once="registered",
)
