"""A parcel's rules: `decide(command, state) -> events`; planned, serviced, allocated and
released here, the land's holding in `holding`. Pure; refusals raise."""

from __future__ import annotations

from collections.abc import Sequence

from park_shared.errors import Conflict, Invalid, NotFound

from park_headquarters.domain.parcel import holding
from park_headquarters.domain.parcel.commands import (
    AllocateParcel,
    CompleteParcelRequisition,
    MarkParcelServiced,
    NameParcelForRequisition,
    ParcelCommand,
    RecordHeldLand,
    RegisterParcel,
    ReleaseParcel,
    UnnameParcel,
)
from park_headquarters.domain.parcel.events import (
    ParcelAllocated,
    ParcelEvent,
    ParcelRegistered,
    ParcelReleased,
    ParcelServiced,
)
from park_headquarters.domain.parcel.ids import known_parcel_id
from park_headquarters.domain.parcel.state import ParcelState, not_in_state

__all__ = ["decide"]


def _register(command: RegisterParcel, state: ParcelState) -> list[ParcelEvent]:
    pid = known_parcel_id(command)
    if state.status in ("planned", "serviced", "allocated"):
        raise Conflict(
            f"parcel code {command.code!r} is already registered in park {command.park_id}",
            parcel_id=pid,
            parcel_status=state.status,
        )
    if state.status != "requisitioned":
        wanted = "only requisitioned land is planned (requisition it, or record it as held)"
        raise not_in_state(pid, state, wanted)
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
        raise not_in_state(pid, state, "only a serviced parcel is allocated (it is not serviced yet)")
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
            return holding.name(command, state)
        case CompleteParcelRequisition():
            return holding.requisitioned(command, state)
        case RecordHeldLand():
            return holding.held(command, state)
        case UnnameParcel():
            return holding.unname(command, state)
        case AllocateParcel():
            return _allocate(command, state)
