"""/oversight/offerings: industrial-co's closed share offerings, as headquarters oversees them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter
from pydantic import BaseModel

from park_headquarters.api.deps import AnyHq, HeadquartersDep

__all__ = ["router"]

router = APIRouter(prefix="/oversight", tags=["oversight"])
COLLECTION = "offerings"


class OfferingOversight(BaseModel):
    offering_id: str
    title: str
    target_amount: Decimal
    raised_amount: Decimal
    shares_issued: int
    holders: int
    closed_on: date


@router.get("/offerings", summary="Closed offerings")
async def list_offerings(_: AnyHq, hq: HeadquartersDep) -> list[OfferingOversight]:
    return [OfferingOversight.model_validate(d) for d in await (await hq.read_models()).find(COLLECTION)]


@router.get("/offerings/{offering_id}", summary="One offering")
async def get_offering(offering_id: str, _: AnyHq, hq: HeadquartersDep) -> OfferingOversight:
    doc = await hq.found(COLLECTION, offering_id, f"there is no closed offering {offering_id!r}")
    return OfferingOversight.model_validate(doc)
