"""/parcels: land parcels (地块). A parcel enters named by a requisition case (to_requisition) or
recorded as land the zone holds (`/parcels/held`, requisitioned); planners plan requisitioned
land; it is serviced and allocated by events."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from park_shared.auth import Principal
from pydantic import BaseModel, Field

from park_headquarters.api.bodies import Body
from park_headquarters.api.deps import AnyHq, HeadquartersDep, Planner
from park_headquarters.application.context import Headquarters
from park_headquarters.domain import parcel
from park_headquarters.domain.values import PlannedUse

__all__ = ["router"]

router = APIRouter(prefix="/parcels", tags=["parcels"])
ParcelStatus = parcel.ParcelStatus
COLLECTION = "parcels"


class ParcelCreate(Body):
    park_id: str
    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9]{1,20}$", examples=["A01"])]
    planned_use: PlannedUse
    area_m2: Annotated[int, Field(gt=0, strict=True, description="square metres")]

    def command(self, parks: tuple[str, ...]) -> parcel.RegisterParcel:
        return parcel.RegisterParcel(
            park_id=self.park_id,
            code=self.code,
            planned_use=self.planned_use,
            area_m2=self.area_m2,
            known_parks=parks,
        )


class HeldLand(Body):
    park_id: str
    code: Annotated[str, Field(pattern=parcel.PARCEL_CODE, examples=["A01"])]
    title_reference: Annotated[
        str, Field(min_length=1, max_length=200, description="the land title (土地使用权证) the zone holds")
    ]

    def command(self, today: date, parks: tuple[str, ...]) -> parcel.RecordHeldLand:
        return parcel.RecordHeldLand(
            park_id=self.park_id,
            code=self.code,
            title_reference=self.title_reference,
            recorded_on=today,
            known_parks=parks,
        )


class ParcelPublic(BaseModel):
    parcel_id: str
    park_id: str
    code: str
    planned_use: PlannedUse | None = Field(description="none until planned")
    area_m2: int | None = Field(description="none until planned")
    status: ParcelStatus
    requisition_case_id: str | None = Field(None, description="the requisition case that took its land")
    title_reference: str | None = Field(None, description="the title of land the zone held already")
    named_on: date | None = None
    requisitioned_on: date | None = None
    serviced_on: date | None
    by_project_id: str | None
    case_id: str | None = Field(description="the approval case it is allocated to")
    allocated_on: date | None


async def _run(
    hq: Headquarters, command: parcel.RecordHeldLand | parcel.RegisterParcel, who: Principal
) -> ParcelPublic:
    """Runs a command on the parcel it names by park and code; answers the parcel as it is then."""
    parcel_id = parcel.parcel_id_of(command.park_id, command.code)
    doc = await hq.run_then_read(hq.parcels, parcel_id, command, who.context(), collection=COLLECTION)
    return ParcelPublic.model_validate(doc)


@router.post("/held", status_code=201, summary="Record land the zone holds already (requisitioned)")
async def record_held_land(body: HeldLand, who: Planner, hq: HeadquartersDep) -> ParcelPublic:
    return await _run(hq, body.command(hq.today(), hq.settings.park_parks), who)


@router.post("", status_code=201, summary="Plan a requisitioned parcel (its use and area)")
async def register_parcel(body: ParcelCreate, who: Planner, hq: HeadquartersDep) -> ParcelPublic:
    return await _run(hq, body.command(hq.settings.park_parks), who)


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
