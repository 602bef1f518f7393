"""Parcels (地块): to_requisition (named by a land requisition case) → requisitioned (the case
completed, or land the zone already holds, recorded with its title) → planned → serviced
(infrastructure done) → allocated (to an approved project); an allocation whose approval was
refused is released (serviced again). Only requisitioned land is planned."""

from __future__ import annotations

import re
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
    "PARCEL_CODE",
    "AllocateParcel",
    "CompleteParcelRequisition",
    "MarkParcelServiced",
    "NameParcelForRequisition",
    "ParcelAllocated",
    "ParcelCommand",
    "ParcelEvent",
    "ParcelRegistered",
    "ParcelReleased",
    "ParcelRequisitioned",
    "ParcelServiced",
    "ParcelState",
    "ParcelStatus",
    "ParcelToRequisition",
    "ParcelUnnamed",
    "RecordHeldLand",
    "RegisterParcel",
    "ReleaseParcel",
    "UnnameParcel",
    "decider",
    "parcel_id_of",
    "split_parcel_id",
]

PARCEL_CODE = r"^[A-Za-z0-9]{1,20}$"
ParcelStatus = Literal["to_requisition", "requisitioned", "planned", "serviced", "allocated"]


def parcel_id_of(park_id: str, code: str) -> str:
    return f"{park_id}-{code}"


def split_parcel_id(parcel_id: str, known_parks: Sequence[str], field: str = "parcel_ids") -> tuple[str, str]:
    """The park and the code a parcel id names (`<park>-<code>`, 422 on `field` otherwise)."""
    for park_id in known_parks:
        code = parcel_id.removeprefix(f"{park_id}-")
        if code != parcel_id and re.fullmatch(PARCEL_CODE, code):
            return park_id, code
    parks = ", ".join(known_parks)
    raise Invalid(f"parcel {parcel_id!r} is not <park>-<code> of a park of the zone ({parks})", field=field)


class NameParcelForRequisition(Command):
    """A requisition case names the parcel: its land is still the collectives'."""

    parcel_id: str
    case_id: str
    named_on: date
    known_parks: tuple[str, ...]


class CompleteParcelRequisition(Command):
    """The case that named the parcel completed: the zone holds its land."""

    parcel_id: str
    case_id: str
    requisitioned_on: date


class UnnameParcel(Command):
    """The compensation of a case that named the parcel and then failed to open: the parcel is
    unknown to the zone again (if it is still named by that case and nothing else happened)."""

    parcel_id: str
    case_id: str
    unnamed_on: date


class RecordHeldLand(Command):
    """Land the zone holds already (no requisition case): recorded with its title reference."""

    park_id: str
    code: str
    title_reference: str
    recorded_on: date
    known_parks: tuple[str, ...]


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


ParcelCommand = (
    RegisterParcel
    | MarkParcelServiced
    | AllocateParcel
    | ReleaseParcel
    | NameParcelForRequisition
    | CompleteParcelRequisition
    | RecordHeldLand
    | UnnameParcel
)


class ParcelToRequisition(Event):
    parcel_id: str
    park_id: str
    code: str
    case_id: str
    named_on: date


class ParcelUnnamed(Event):
    """A case that named the parcel did not open: the parcel is unknown to the zone again."""

    parcel_id: str
    case_id: str
    unnamed_on: date


class ParcelRequisitioned(Event):
    """The zone holds the parcel's land: its requisition case completed (`case_id`), or it was
    recorded as held with its title (`title_reference`)."""

    parcel_id: str
    park_id: str
    code: str
    case_id: str | None
    title_reference: str | None
    requisitioned_on: date


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


ParcelEvent = (
    ParcelRegistered
    | ParcelServiced
    | ParcelAllocated
    | ParcelReleased
    | ParcelToRequisition
    | ParcelRequisitioned
    | ParcelUnnamed
)


class ParcelState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Literal["none"] | ParcelStatus = "none"
    parcel_id: str = ""
    park_id: str = ""
    code: str = ""
    planned_use: PlannedUse = "industrial"
    area_m2: int = 0
    case_id: str | None = None
    allocated_on: date | None = None
    serviced_on: date | None = None
    requisition_case_id: str | None = None
    title_reference: str | None = None


def _not_in_state(parcel_id: str, state: ParcelState, wanted: str) -> Conflict:
    now = "not known to the zone" if state.status == "none" else state.status.replace("_", " ")
    return Conflict(
        f"parcel {parcel_id} is {now}; {wanted}",
        parcel_id=parcel_id,
        parcel_status=state.status,
    )


def _name(command: NameParcelForRequisition, state: ParcelState) -> list[ParcelEvent]:
    park_id, code = split_parcel_id(command.parcel_id, command.known_parks)
    if state.status == "to_requisition" and state.requisition_case_id == command.case_id:
        return []
    if state.status != "none":
        taken = f" (case {state.requisition_case_id})" if state.requisition_case_id else ""
        raise _not_in_state(
            command.parcel_id, state, f"a requisition case takes land the zone does not hold{taken}"
        )
    return [
        ParcelToRequisition(
            parcel_id=command.parcel_id,
            park_id=park_id,
            code=code,
            case_id=command.case_id,
            named_on=command.named_on,
        )
    ]


def _unname(command: UnnameParcel, state: ParcelState) -> list[ParcelEvent]:
    if state.status != "to_requisition" or state.requisition_case_id != command.case_id:
        return []  # not (or no longer) named by this case: nothing to undo
    return [
        ParcelUnnamed(parcel_id=command.parcel_id, case_id=command.case_id, unnamed_on=command.unnamed_on)
    ]


def _requisitioned(command: CompleteParcelRequisition, state: ParcelState) -> list[ParcelEvent]:
    if state.requisition_case_id != command.case_id:
        raise Conflict(
            f"parcel {command.parcel_id} is not in requisition case {command.case_id}",
            parcel_id=command.parcel_id,
            parcel_status=state.status,
        )
    if state.status != "to_requisition":
        return []  # requisitioned once; a repeated completion changes nothing
    return [
        ParcelRequisitioned(
            parcel_id=state.parcel_id,
            park_id=state.park_id,
            code=state.code,
            case_id=command.case_id,
            title_reference=None,
            requisitioned_on=command.requisitioned_on,
        )
    ]


def _known_parcel_id(command: RecordHeldLand | RegisterParcel) -> str:
    """The id of the parcel the command names, once its park is one of the zone's (else 422)."""
    if command.park_id not in command.known_parks:
        known = ", ".join(command.known_parks)
        raise Invalid(f"there is no park {command.park_id!r}; the parks are {known}", field="park_id")
    return parcel_id_of(command.park_id, command.code)


def _held(command: RecordHeldLand, state: ParcelState) -> list[ParcelEvent]:
    pid = _known_parcel_id(command)
    if state.status == "requisitioned" and state.title_reference == command.title_reference:
        return []
    if state.status != "none":
        raise _not_in_state(pid, state, "only land the zone has no record of is recorded as held")
    return [
        ParcelRequisitioned(
            parcel_id=pid,
            park_id=command.park_id,
            code=command.code,
            case_id=None,
            title_reference=command.title_reference,
            requisitioned_on=command.recorded_on,
        )
    ]


def _register(command: RegisterParcel, state: ParcelState) -> list[ParcelEvent]:
    pid = _known_parcel_id(command)
    if state.status in ("planned", "serviced", "allocated"):
        raise Conflict(
            f"parcel code {command.code!r} is already registered in park {command.park_id}",
            parcel_id=pid,
            parcel_status=state.status,
        )
    if state.status != "requisitioned":
        wanted = "only requisitioned land is planned (requisition it, or record it as held)"
        raise _not_in_state(pid, state, wanted)
    return [ParcelRegistered(parcel_id=pid, **command.model_dump(exclude={"known_parks"}))]


def _service(command: MarkParcelServiced, state: ParcelState) -> list[ParcelEvent]:
    if state.status == "none":
        raise NotFound(f"there is no parcel {command.parcel_id!r}", parcel_id=command.parcel_id)
    if state.status != "planned":  # serviced already, or not planned: nothing to service
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
        raise _not_in_state(pid, state, "only a serviced parcel is allocated (it is not serviced yet)")
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
    match command:
        case RegisterParcel():
            return _register(command, state)
        case MarkParcelServiced():
            return _service(command, state)
        case ReleaseParcel():
            return _release(command, state)
        case NameParcelForRequisition():
            return _name(command, state)
        case CompleteParcelRequisition():
            return _requisitioned(command, state)
        case RecordHeldLand():
            return _held(command, state)
        case UnnameParcel():
            return _unname(command, state)
        case AllocateParcel():
            return _allocate(command, state)


def evolve(state: ParcelState, event: ParcelEvent) -> ParcelState:
    if isinstance(event, ParcelToRequisition):
        fields = event.model_dump(include={"parcel_id", "park_id", "code"})
        return ParcelState(status="to_requisition", requisition_case_id=event.case_id, **fields)
    if isinstance(event, ParcelUnnamed):
        return ParcelState()
    if isinstance(event, ParcelRequisitioned):
        fields = event.model_dump(include={"parcel_id", "park_id", "code", "title_reference"})
        return state.model_copy(
            update={"status": "requisitioned", "requisition_case_id": event.case_id, **fields}
        )
    if isinstance(event, ParcelRegistered):
        return state.model_copy(update={"status": "planned", **event.model_dump()})
    if isinstance(event, ParcelServiced):
        return state.model_copy(update={"status": "serviced", "serviced_on": event.serviced_on})
    if isinstance(event, ParcelReleased):
        return state.model_copy(update={"status": "serviced", "case_id": None, "allocated_on": None})
    return state.model_copy(
        update={"status": "allocated", "case_id": event.case_id, "allocated_on": event.allocated_on}
    )


decider: Decider[ParcelCommand, ParcelState, ParcelEvent] = Decider(ParcelState(), decide, evolve)
