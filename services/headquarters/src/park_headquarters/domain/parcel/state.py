"""A parcel as its events leave it, and the conflict naming the status it is in."""

from __future__ import annotations

from datetime import date
from typing import Literal

from park_shared.errors import Conflict
from pydantic import BaseModel, ConfigDict

from park_headquarters.domain.parcel.events import (
    ParcelEvent,
    ParcelRegistered,
    ParcelReleased,
    ParcelRequisitioned,
    ParcelServiced,
    ParcelToRequisition,
    ParcelUnnamed,
)
from park_headquarters.domain.values import PlannedUse

__all__ = ["ParcelState", "ParcelStatus", "evolve", "not_in_state"]

ParcelStatus = Literal["to_requisition", "requisitioned", "planned", "serviced", "allocated"]


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


def not_in_state(parcel_id: str, state: ParcelState, wanted: str) -> Conflict:
    now = "not known to the zone" if state.status == "none" else state.status.replace("_", " ")
    return Conflict(
        f"parcel {parcel_id} is {now}; {wanted}",
        parcel_id=parcel_id,
        parcel_status=state.status,
    )


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
