"""A household (农户) of a land requisition case: registered under its collective with its
personal data (the head of household's name and identity number) sealed in a token only
headquarters' vault opens (park_shared.personal_data), under the household's own key; erased by
destroying that key, which PersonalDataErased records without the data. Both events stay in
headquarters' store; the case and the topic count households and never name them."""

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


def decide(command: HouseholdCommand, state: Household) -> Sequence[HouseholdEvent]:
    match command:
        case RegisterHousehold():
            if state.status != "none":
                raise Conflict(f"household {state.household_id} is registered already")
            return [HouseholdRegistered(**command.model_dump())]
        case EraseHouseholdData():
            state.ensure_erasable("household", state.household_id)
            return [PersonalDataErased(subject_id=state.household_id, erased_at=command.erased_at)]


def evolve(state: Household, event: HouseholdEvent) -> Household:
    match event:
        case HouseholdRegistered():
            return Household(status="registered", household_id=event.household_id)
        case PersonalDataErased():
            return state.erased(event)


decider: Decider[HouseholdCommand, Household, HouseholdEvent] = Decider(Household(), decide, evolve)
