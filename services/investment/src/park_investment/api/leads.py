"""/leads: register, list and read leads (inv.officer)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from park_shared.projections.port import Doc

from park_investment.api.deps import InvestmentDep, Officer
from park_investment.api.schemas import LeadCreate, LeadOfficer, ReferrerOfficer
from park_investment.application.context import Investment
from park_investment.application.leads import register_lead
from park_investment.domain.lead_events import Platform
from park_investment.projections.leads import COLLECTION as LEADS

__all__ = ["lead_officer", "router"]

router = APIRouter(prefix="/leads", tags=["leads"])


async def lead_officer(inv: Investment, lead: Doc) -> LeadOfficer:
    """One lead as an officer reads it: with its referrer's personal data opened."""
    referrer_id = lead.get("referrer_id")
    referrer = await inv.referrer(referrer_id) if referrer_id else None
    view = LeadOfficer.model_validate(lead)
    if referrer is None:
        return view
    return view.model_copy(update={"referrer": ReferrerOfficer.model_validate(referrer)})


@router.post("", status_code=201, summary="Register a lead (any platform, any park)")
async def create_lead(body: LeadCreate, inv: InvestmentDep, officer: Officer) -> LeadOfficer:
    """A second lead for the same credit code is refused with 409 naming the existing lead."""
    lead = await register_lead(inv, body.command(inv.today(), inv.parks), officer.context())
    return await get_lead(lead.lead_id, inv, officer)


@router.get("", summary="The lead registry")
async def list_leads(
    inv: InvestmentDep,
    officer: Officer,
    platform: Platform | None = None,
    park_id: str | None = None,
    status: str | None = None,
    possible_duplicate: Annotated[bool | None, Query(description="only leads flagged open")] = None,
) -> list[LeadOfficer]:
    where = {k: v for k, v in {"platform": platform, "park_id": park_id, "status": status}.items() if v}
    if possible_duplicate:
        where["duplicate_status"] = "open"
    docs = await (await inv.read_models()).find(LEADS, where)
    return [LeadOfficer.model_validate(d) for d in docs]


@router.get("/{lead_id}", summary="One lead, with its referrer's details")
async def get_lead(lead_id: str, inv: InvestmentDep, officer: Officer) -> LeadOfficer:
    lead = await inv.found(LEADS, lead_id, f"there is no lead {lead_id}", lead_id=lead_id)
    return await lead_officer(inv, lead)
