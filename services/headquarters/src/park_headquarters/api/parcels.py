"""/parcels: land parcels (地块), registered by planners; serviced and allocated by events."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from park_shared.web.app import ReadModelsDep, RuntimeDep
from pydantic import BaseModel, ConfigDict, Field

from park_headquarters.api.deps import AnyHq, CommandsDep, Planner, SettingsDep, context_of, fresh, one
from park_headquarters.domain import parcel
from park_headquarters.domain.values import PlannedUse

__all__ = ["router"]

router = APIRouter(prefix="/parcels", tags=["parcels"])
ParcelStatus = Literal["planned", "serviced", "allocated"]


class ParcelCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    park_id: str
    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9]{1,20}$", examples=["A01"])]
    planned_use: PlannedUse
    area_m2: Annotated[int, Field(gt=0, strict=True, description="square metres")]


class ParcelPublic(BaseModel):
    parcel_id: str
    park_id: str
    code: str
    planned_use: PlannedUse
    area_m2: int
    status: ParcelStatus
    serviced_on: date | None
    by_project_id: str | None
    case_id: str | None
    allocated_on: date | None


@router.post("", response_model=ParcelPublic, status_code=201, summary="Register a parcel")
async def register_parcel(
    body: ParcelCreate,
    who: Planner,
    commands: CommandsDep,
    settings: SettingsDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    command = parcel.RegisterParcel(**body.model_dump(), known_parks=settings.park_parks)
    parcel_id = parcel.parcel_id_of(body.park_id, body.code)
    await commands.parcels.handle(parcel.stream_id(parcel_id), command, context=context_of(who))
    return await one(await fresh(runtime), "parcels", parcel_id, "parcel")


@router.get("", response_model=list[ParcelPublic], summary="Parcels, by park and status")
async def list_parcels(
    _: AnyHq,
    read_models: ReadModelsDep,
    park_id: Annotated[str | None, Query()] = None,
    status: Annotated[ParcelStatus | None, Query()] = None,
) -> list[dict[str, Any]]:
    where = {k: v for k, v in {"park_id": park_id, "status": status}.items() if v is not None}
    return await read_models.find("parcels", where)


@router.get("/{parcel_id}", response_model=ParcelPublic, summary="One parcel")
async def get_parcel(parcel_id: str, _: AnyHq, read_models: ReadModelsDep) -> dict[str, Any]:
    return await one(read_models, "parcels", parcel_id, "parcel")
