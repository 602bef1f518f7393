"""/oversight/offerings: industrial-co's closed share offerings, as headquarters oversees them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from fastapi import APIRouter
from park_shared.web.app import ReadModelsDep
from pydantic import BaseModel

from park_headquarters.api.deps import AnyHq, one

__all__ = ["router"]

router = APIRouter(prefix="/oversight", tags=["oversight"])


class OfferingOversight(BaseModel):
    offering_id: str
    title: str
    target_amount: Decimal
    raised_amount: Decimal
    shares_issued: int
    holders: int
    closed_on: date


@router.get("/offerings", response_model=list[OfferingOversight], summary="Closed offerings")
async def list_offerings(_: AnyHq, read_models: ReadModelsDep) -> list[dict[str, Any]]:
    return await read_models.find("offerings")


@router.get("/offerings/{offering_id}", response_model=OfferingOversight, summary="One offering")
async def get_offering(offering_id: str, _: AnyHq, read_models: ReadModelsDep) -> dict[str, Any]:
    return await one(read_models, "offerings", offering_id, "closed offering")
