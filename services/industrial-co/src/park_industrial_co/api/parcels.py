"""/parcels: the parcels headquarters registered (our local copy), and the projects serving them."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from park_industrial_co.api.deps import IndustrialCoDep, Staff
from park_industrial_co.domain.parcel import Parcel
from park_industrial_co.projections.parcels import PARCELS

__all__ = ["router"]

router = APIRouter(prefix="/parcels", tags=["parcels"])


class ServedBy(BaseModel):
    project_id: str
    kind: str


class ParcelPublic(Parcel):
    served_by: list[ServedBy]


@router.get("", summary="Parcels known from headquarters' ParcelRegistered events")
async def list_parcels(ic: IndustrialCoDep, _: Staff) -> list[ParcelPublic]:
    return [ParcelPublic.model_validate(d) for d in await (await ic.read_models()).find(PARCELS)]
