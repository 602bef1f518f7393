"""/oversight/offerings: industrial-co's closed share offerings, as headquarters oversees them."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import ConfigDict

from park_headquarters.api.deps import AnyHq, HeadquartersDep
from park_headquarters.domain.offering import ClosedOffering

__all__ = ["router"]

router = APIRouter(prefix="/oversight", tags=["oversight"])
COLLECTION = "offerings"


class OfferingOversight(ClosedOffering):
    model_config = ConfigDict(frozen=False)


@router.get("/offerings", summary="Closed offerings")
async def list_offerings(_: AnyHq, hq: HeadquartersDep) -> list[OfferingOversight]:
    return [OfferingOversight.model_validate(d) for d in await (await hq.read_models()).find(COLLECTION)]


@router.get("/offerings/{offering_id}", summary="One offering")
async def get_offering(offering_id: str, _: AnyHq, hq: HeadquartersDep) -> OfferingOversight:
    doc = await hq.found(COLLECTION, offering_id, f"there is no closed offering {offering_id!r}")
    return OfferingOversight.model_validate(doc)
