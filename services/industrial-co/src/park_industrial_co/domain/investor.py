"""An investor, by its pseudonymous investor id: identified at each subscription with its
register details (name, identifier hint) sealed in a token only this service's vault opens, and
erased by destroying its key, which PersonalDataErased records without the data. Both events
stay internal. Only a private individual's details are personal data; an enterprise's register
entry is not erased. A person who subscribes again after an erasure is identified anew."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict
from park_shared.events import Event
from park_shared.personal_data.subject import DataSubject, ErasePersonalData, SubjectErased
from park_shared.personal_data.vault import key_id_of

from park_industrial_co.domain.offering.events import InvestorType

__all__ = [
    "EraseInvestorData",
    "IdentifyInvestor",
    "InvestorEvent",
    "InvestorIdentified",
    "InvestorState",
    "PersonalDataErased",
    "investor_decider",
]


class IdentifyInvestor(Command):
    investor_id: str
    investor_type: InvestorType
    personal: str
    identified_on: date


class EraseInvestorData(ErasePersonalData):
    """Erase a private investor's personal data (park_shared.personal_data.subject)."""

    key_id: str | None = None
    """The subject key the erasure destroys (its current one)."""


class InvestorIdentified(Event):
    """Internal. `personal` is the sealed token of the investor's name and identifier hint."""

    investor_id: str
    investor_type: InvestorType
    personal: str
    identified_on: date


class PersonalDataErased(SubjectErased):
    """Internal: the subject's key was destroyed; its sealed data is unreadable everywhere."""

    key_id: str | None = None
    """The key destroyed (None in events of earlier versions): details sealed under it are
    refused from then on, so a subscription racing the erasure can't be sealed under it."""


InvestorCommand = IdentifyInvestor | EraseInvestorData
InvestorEvent = InvestorIdentified | PersonalDataErased


class InvestorState(DataSubject):
    status: Literal["none", "identified", "erased"] = "none"
    investor_id: str = ""
    investor_type: InvestorType | None = None
    erased_keys: tuple[str, ...] = ()


def decide(command: InvestorCommand, state: InvestorState) -> Sequence[InvestorEvent]:
    match command:
        case IdentifyInvestor():
            sealed_under = key_id_of(command.personal)
            if sealed_under in state.erased_keys:
                raise Conflict(
                    f"the personal data of investor {command.investor_id} was erased at {state.erased_at}:"
                    " the details to record are sealed under the destroyed key",
                    erased_key=sealed_under,
                )
            return [InvestorIdentified.model_validate(command, from_attributes=True)]
        case EraseInvestorData():
            state.ensure_erasable("investor", state.investor_id)
            if state.investor_type != "individual":
                raise Conflict(f"investor {state.investor_id} is an enterprise: its register entry is kept")
            return [
                PersonalDataErased(
                    subject_id=state.investor_id, erased_at=command.erased_at, key_id=command.key_id
                )
            ]


def evolve(state: InvestorState, event: InvestorEvent) -> InvestorState:
    match event:
        case InvestorIdentified():
            return InvestorState(
                status="identified",
                investor_id=event.investor_id,
                investor_type=event.investor_type,
                erased_keys=state.erased_keys,
            )
        case PersonalDataErased():
            erased_keys = state.erased_keys + ((event.key_id,) if event.key_id else ())
            return state.erased(event).model_copy(update={"erased_keys": erased_keys})
        case _:
            return state


investor_decider: Decider[InvestorCommand, InvestorState, InvestorEvent] = Decider(
    InvestorState(), decide, evolve
)
