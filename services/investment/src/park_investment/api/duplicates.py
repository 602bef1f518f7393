"""/duplicates and /leads/{id}/duplicate-resolution: possible duplicates by normalised name,
their resolution (merge or confirm distinct), and the duplicates prevented (inv.officer)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from park_investment.api.deps import InvestmentDep, Officer, context_of
from park_investment.api.leads import fresh_lead
from park_investment.api.schemas import LeadOfficer, lead_view
from park_investment.application.leads import act_on_lead
from park_investment.domain.lead_commands import ResolvePossibleDuplicate

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
    flagged = await read_models.find("leads", {"duplicate_status": "open"})
    counts = await read_models.find("duplicate_counts")
    return Duplicates(
        flagged=[lead_view(d) for d in flagged],
        prevented=[PreventedCount.model_validate(c) for c in counts],
    )


@router.post("/leads/{lead_id}/duplicate-resolution", summary="Merge a flagged lead or confirm it distinct")
async def resolve(lead_id: str, body: Resolution, inv: InvestmentDep, officer: Officer) -> LeadOfficer:
    command = ResolvePossibleDuplicate(
        resolution=body.resolution, into_lead_id=body.into_lead_id, on=inv.today()
    )
    await act_on_lead(inv, lead_id, command, context_of(officer))
    return await fresh_lead(inv, lead_id)
