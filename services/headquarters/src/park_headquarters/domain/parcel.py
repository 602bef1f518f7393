"""Parcels (地块): planned → serviced (infrastructure done) → allocated (to an approved project);
an allocation whose approval was refused is released (serviced again)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

from park_headquarters.domain.values import PlannedUse

__all__ = [
    "AllocateParcel",
    "MarkParcelServiced",
    "ParcelAllocated",
    "ParcelCommand",
    "ParcelEvent",
    "ParcelRegistered",
    "ParcelReleased",
    "ParcelServiced",
    "ParcelState",
    "RegisterParcel",
    "ReleaseParcel",
    "decider",
    "parcel_id_of",
]


def parcel_id_of(park_id: str, code: str) -> str:
    return f"{park_id}-{code}"


class RegisterParcel(Command):
    park_id: str
    code: str
    planned_use: PlannedUse
    area_m2: int
    known_parks: tuple[str, ...]


class MarkParcelServiced(Command):
    parcel_id: str
    serviced_on: date
    by_project_id: str


class AllocateParcel(Command):
    parcel_id: str
    park_id: str
    case_id: str
    allocated_on: date


class ReleaseParcel(Command):
    """The compensation of an allocation: releases the parcel if it is allocated to `case_id`."""

    parcel_id: str
    case_id: str
    reason: str
    released_on: date


ParcelCommand = RegisterParcel | MarkParcelServiced | AllocateParcel | ReleaseParcel


class ParcelRegistered(Event):
    parcel_id: str
    park_id: str
    code: str
    planned_use: PlannedUse
    area_m2: int


class ParcelServiced(Event):
    parcel_id: str
    park_id: str
    code: str
    planned_use: PlannedUse
    area_m2: int
    serviced_on: date
    by_project_id: str


class ParcelAllocated(Event):
    parcel_id: str
    park_id: str
    case_id: str
    allocated_on: date


class ParcelReleased(Event):
    """An allocation undone (its approval was refused): the parcel is serviced and free again."""

    parcel_id: str
    park_id: str
    code: str
    planned_use: PlannedUse
    area_m2: int
    serviced_on: date | None
    case_id: str
    reason: str
    released_on: date


ParcelEvent = ParcelRegistered | ParcelServiced | ParcelAllocated | ParcelReleased


class ParcelState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Literal["none", "planned", "serviced", "allocated"] = "none"
    parcel_id: str = ""
    park_id: str = ""
    code: str = ""
    planned_use: PlannedUse = "industrial"
    area_m2: int = 0
    case_id: str | None = None
    allocated_on: date | None = None
    serviced_on: date | None = None


def _register(command: RegisterParcel, state: ParcelState) -> list[ParcelEvent]:
    if command.park_id not in command.known_parks:
        known = ", ".join(command.known_parks)
        raise Invalid(f"there is no park {command.park_id!r}; the parks are {known}", field="park_id")
    if state.status != "none":
        raise Conflict(
            f"parcel code {command.code!r} is already registered in park {command.park_id}",
            parcel_id=state.parcel_id,
        )
    pid = parcel_id_of(command.park_id, command.code)
    return [ParcelRegistered(parcel_id=pid, **command.model_dump(exclude={"known_parks"}))]


def _service(command: MarkParcelServiced, state: ParcelState) -> list[ParcelEvent]:
    if state.status == "none":
        raise NotFound(f"there is no parcel {command.parcel_id!r}", parcel_id=command.parcel_id)
    if state.status != "planned":
        return []  # serviced once; a later or repeated completion changes nothing
    return [
        ParcelServiced(
            **state.model_dump(include={"parcel_id", "park_id", "code", "planned_use", "area_m2"}),
            serviced_on=command.serviced_on,
            by_project_id=command.by_project_id,
        )
    ]


def _allocate(command: AllocateParcel, state: ParcelState) -> list[ParcelEvent]:
    pid = command.parcel_id
    if state.status == "none":
        raise Invalid(f"there is no parcel {pid!r}", field="parcel_id")
    if state.status == "allocated":
        if state.case_id == command.case_id:
            return []
        raise Conflict(
            f"parcel {pid} is already allocated to case {state.case_id} (on {state.allocated_on})",
            parcel_id=pid,
        )
    if state.status != "serviced":
        raise Conflict(f"parcel {pid} is not serviced yet (it is {state.status})", parcel_id=pid)
    if state.park_id != command.park_id:
        raise Conflict(
            f"parcel {pid} is in park {state.park_id}, the project in park {command.park_id}",
            parcel_id=pid,
        )
    return [ParcelAllocated(**command.model_dump())]


def _release(command: ReleaseParcel, state: ParcelState) -> list[ParcelEvent]:
    if state.status != "allocated" or state.case_id != command.case_id:
        return []  # not (or no longer) this case's: nothing to undo
    fields = state.model_dump(
        include={"parcel_id", "park_id", "code", "planned_use", "area_m2", "serviced_on"}
    )
    return [ParcelReleased(**fields, **command.model_dump(exclude={"parcel_id"}))]


def decide(command: ParcelCommand, state: ParcelState) -> Sequence[ParcelEvent]:
    if isinstance(command, RegisterParcel):
        return _register(command, state)
    if isinstance(command, MarkParcelServiced):
        return _service(command, state)
    if isinstance(command, ReleaseParcel):
        return _release(command, state)
    return _allocate(command, state)


def evolve(state: ParcelState, event: ParcelEvent) -> ParcelState:
    if isinstance(event, ParcelRegistered):
        return ParcelState(status="planned", **event.model_dump())
    if isinstance(event, ParcelServiced):
        return state.model_copy(update={"status": "serviced", "serviced_on": event.serviced_on})
    if isinstance(event, ParcelReleased):
        return state.model_copy(update={"status": "serviced", "case_id": None, "allocated_on": None})
    return state.model_copy(
        update={"status": "allocated", "case_id": event.case_id, "allocated_on": event.allocated_on}
    )


decider: Decider[ParcelCommand, ParcelState, ParcelEvent] = Decider(ParcelState(), decide, evolve)
