"""/parcels: land parcels (地块), registered by planners; serviced and allocated by events."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from park_headquarters.api.deps import AnyHq, HeadquartersDep, Planner
from park_headquarters.domain import parcel
from park_headquarters.domain.values import PlannedUse

__all__ = ["router"]

router = APIRouter(prefix="/parcels", tags=["parcels"])
ParcelStatus = Literal["planned", "serviced", "allocated"]
COLLECTION = "parcels"


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


@router.post("", status_code=201, summary="Register a parcel")
async def register_parcel(body: ParcelCreate, who: Planner, hq: HeadquartersDep) -> ParcelPublic:
    command = parcel.RegisterParcel(
        park_id=body.park_id,
        code=body.code,
        planned_use=body.planned_use,
        area_m2=body.area_m2,
        known_parks=hq.settings.park_parks,
    )
    parcel_id = parcel.parcel_id_of(body.park_id, body.code)
    doc = await hq.run_then_read(hq.parcels, parcel_id, command, who.context(), collection=COLLECTION)
    return ParcelPublic.model_validate(doc)


@router.get("", summary="Parcels, by park and status")
async def list_parcels(
    _: AnyHq,
    hq: HeadquartersDep,
    park_id: Annotated[str | None, Query()] = None,
    status: Annotated[ParcelStatus | None, Query()] = None,
) -> list[ParcelPublic]:
    where = {k: v for k, v in {"park_id": park_id, "status": status}.items() if v is not None}
    return [
        ParcelPublic.model_validate(doc) for doc in await (await hq.read_models()).find(COLLECTION, where)
    ]


@router.get("/{parcel_id}", summary="One parcel")
async def get_parcel(parcel_id: str, _: AnyHq, hq: HeadquartersDep) -> ParcelPublic:
    return ParcelPublic.model_validate(
        await hq.found(COLLECTION, parcel_id, f"there is no parcel {parcel_id!r}")
    )
