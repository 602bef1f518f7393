"""How the zone comes to hold a parcel's land (or gives up on it): named by a requisition
case, unnamed when the case did not open, requisitioned when it completed, or recorded as held
with its title. Pure; refusals raise."""

from __future__ import annotations

from park_shared.errors import Conflict

from park_headquarters.domain.parcel.commands import (
    CompleteParcelRequisition,
    NameParcelForRequisition,
    RecordHeldLand,
    UnnameParcel,
)
from park_headquarters.domain.parcel.events import (
    ParcelEvent,
    ParcelRequisitioned,
    ParcelToRequisition,
    ParcelUnnamed,
)
from park_headquarters.domain.parcel.ids import known_parcel_id, split_parcel_id
from park_headquarters.domain.parcel.state import ParcelState, not_in_state

__all__ = ["held", "name", "requisitioned", "unname"]


def name(command: NameParcelForRequisition, state: ParcelState) -> list[ParcelEvent]:
    park_id, code = split_parcel_id(command.parcel_id, command.known_parks)
    if state.status == "to_requisition" and state.requisition_case_id == command.case_id:
        return []
    if state.status != "none":
        taken = f" (case {state.requisition_case_id})" if state.requisition_case_id else ""
        raise not_in_state(
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


def unname(command: UnnameParcel, state: ParcelState) -> list[ParcelEvent]:
    if state.status != "to_requisition" or state.requisition_case_id != command.case_id:
        return []  # not (or no longer) named by this case: nothing to undo
    return [
        ParcelUnnamed(parcel_id=command.parcel_id, case_id=command.case_id, unnamed_on=command.unnamed_on)
    ]


def requisitioned(command: CompleteParcelRequisition, state: ParcelState) -> list[ParcelEvent]:
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


def held(command: RecordHeldLand, state: ParcelState) -> list[ParcelEvent]:
    pid = known_parcel_id(command)
    if state.status == "requisitioned" and state.title_reference == command.title_reference:
        return []
    if state.status != "none":
        raise not_in_state(pid, state, "only land the zone has no record of is recorded as held")
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
