"""/leads/{id}/stage, /agreement, /loss: moving a lead through the funnel (inv.officer)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from fastapi import APIRouter
from park_shared.web.dates import Day
from pydantic import BaseModel, Field

from park_investment.api.deps import InvestmentDep, Officer
from park_investment.api.leads import lead_officer
from park_investment.api.schemas import LeadOfficer
from park_investment.domain.lead_commands import AdvanceLead, LoseLead, SignLead
from park_investment.domain.money import Money
from park_investment.projections.leads import COLLECTION as LEADS

__all__ = ["router"]

router = APIRouter(prefix="/leads/{lead_id}", tags=["funnel"])


class StageChange(BaseModel):
    """contacted from new, negotiating from contacted; registered and landed come only from
    service-center's events (409 by hand); signing takes an agreement."""

    stage: Literal["contacted", "negotiating", "signed", "registered", "landed"]


class Agreement(BaseModel):
    signed_amount: Money
    signed_on: Day | None = Field(None, description="defaults to today (zone time)")
    preferred_parcel_id: str | None = Field(None, max_length=80)
    green_channel: bool = Field(False, description="asks for the green channel (绿色通道)")

    def command(self, today: date, green_channel_threshold: Decimal) -> SignLead:
        return SignLead(
            signed_amount=self.signed_amount,
            signed_on=self.signed_on or today,
            preferred_parcel_id=self.preferred_parcel_id,
            green_channel_requested=self.green_channel,
            green_channel_threshold=green_channel_threshold,
            today=today,
        )


class Loss(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


@router.post("/stage", summary="Move a lead one stage on")
async def change_stage(lead_id: str, body: StageChange, inv: InvestmentDep, officer: Officer) -> LeadOfficer:
    command = AdvanceLead(to=body.stage, on=inv.today())
    lead = await inv.run_then_read(inv.leads, lead_id, command, officer.context(), collection=LEADS)
    return await lead_officer(inv, lead)


@router.post("/agreement", summary="Sign the lead's agreement (emits LeadSigned)")
async def sign(lead_id: str, body: Agreement, inv: InvestmentDep, officer: Officer) -> LeadOfficer:
    command = body.command(inv.today(), inv.settings.green_channel_threshold)
    lead = await inv.run_then_read(inv.leads, lead_id, command, officer.context(), collection=LEADS)
    return await lead_officer(inv, lead)


@router.post("/loss", summary="Mark the lead lost, with a reason")
async def lose(lead_id: str, body: Loss, inv: InvestmentDep, officer: Officer) -> LeadOfficer:
    command = LoseLead(reason=body.reason, on=inv.today())
    lead = await inv.run_then_read(inv.leads, lead_id, command, officer.context(), collection=LEADS)
    return await lead_officer(inv, lead)
