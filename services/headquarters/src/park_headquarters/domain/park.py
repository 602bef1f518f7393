"""Parks (园区): the zone's two parks, from configuration; their names can be edited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

from park_headquarters.domain.values import Text

__all__ = [
    "ParkCommand",
    "ParkEvent",
    "ParkRegistered",
    "ParkRenamed",
    "ParkState",
    "RegisterPark",
    "RenamePark",
    "decider",
]


class RegisterPark(Command):
    park_id: str
    name: Text


class RenamePark(Command):
    park_id: str
    name: Text


ParkCommand = RegisterPark | RenamePark


class ParkRegistered(Event):
    park_id: str
    name: str


class ParkRenamed(Event):
    park_id: str
    name: str
    previous_name: str


ParkEvent = ParkRegistered | ParkRenamed


class ParkState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Literal["none", "registered"] = "none"
    park_id: str = ""
    name: str = ""


def decide(command: ParkCommand, state: ParkState) -> Sequence[ParkEvent]:
    if isinstance(command, RegisterPark):
        if state.status == "registered":
            return []  # registration from configuration runs at every start: once is enough
        return [ParkRegistered(park_id=command.park_id, name=command.name)]
    if state.status == "none":
        raise NotFound(f"there is no park {command.park_id!r}", park_id=command.park_id)
    if command.name == state.name:
        return []
    return [ParkRenamed(park_id=state.park_id, name=command.name, previous_name=state.name)]


def evolve(state: ParkState, event: ParkEvent) -> ParkState:
    if isinstance(event, ParkRegistered):
        return ParkState(status="registered", park_id=event.park_id, name=event.name)
    return state.model_copy(update={"name": event.name})


decider: Decider[ParkCommand, ParkState, ParkEvent] = Decider(ParkState(), decide, evolve)
