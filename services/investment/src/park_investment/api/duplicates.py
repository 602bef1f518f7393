"""/duplicates and /leads/{id}/duplicate-resolution: possible duplicates by normalised name,
their resolution (merge or confirm distinct), and the duplicates prevented (inv.officer)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from park_investment.api.deps import InvestmentDep, Officer
from park_investment.api.leads import lead_officer
from park_investment.api.schemas import LeadOfficer
from park_investment.domain.lead_commands import ResolvePossibleDuplicate
from park_investment.projections.counts import COLLECTION as DUPLICATE_COUNTS
from park_investment.projections.leads import COLLECTION as LEADS

__all__ = ["router"]

router = APIRouter(tags=["duplicates"])


class Resolution(BaseModel):
    resolution: Literal["merge", "distinct"]
    into_lead_id: str | None = Field(
        None, description="the flagged lead to merge into (needed when there are several)"
    )


class PreventedCount(BaseModel):
    platform: str
    park_id: str
    refused: int
    merged: int


class Duplicates(BaseModel):
    flagged: list[LeadOfficer]
    prevented: list[PreventedCount]


@router.get("/duplicates", summary="Open possible duplicates, and duplicates prevented")
async def duplicates(inv: InvestmentDep, officer: Officer) -> Duplicates:
    read_models = await inv.read_models()
    flagged = await read_models.find(LEADS, {"duplicate_status": "open"})
    counts = await read_models.find(DUPLICATE_COUNTS)
    return Duplicates(
        flagged=[LeadOfficer.model_validate(d) for d in flagged],
        prevented=[PreventedCount.model_validate(c) for c in counts],
    )


@router.post("/leads/{lead_id}/duplicate-resolution", summary="Merge a flagged lead or confirm it distinct")
async def resolve(lead_id: str, body: Resolution, inv: InvestmentDep, officer: Officer) -> LeadOfficer:
    command = ResolvePossibleDuplicate(
        resolution=body.resolution, into_lead_id=body.into_lead_id, on=inv.today()
    )
    lead = await inv.run_then_read(inv.leads, lead_id, command, officer.context(), collection=LEADS)
    return await lead_officer(inv, lead)
