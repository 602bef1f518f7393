"""/leads: register, list and read leads (inv.officer)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from park_shared.errors import NotFound

from park_investment.api.deps import InvestmentDep, Officer, context_of
from park_investment.api.schemas import LeadCreate, LeadOfficer, lead_view
from park_investment.application.leads import NewLead, register_lead
from park_investment.application.referrers import referrer_doc
from park_investment.application.service import Investment
from park_investment.domain.lead_events import Platform

__all__ = ["fresh_lead", "router"]

router = APIRouter(prefix="/leads", tags=["leads"])


async def fresh_lead(inv: Investment, lead_id: str, *, with_referrer: bool = True) -> LeadOfficer:
    doc = await inv.doc("leads", lead_id)
    if doc is None:
        raise NotFound(f"there is no lead {lead_id}", lead_id=lead_id)
    referrer_id = doc.get("referrer_id")
    referrer = await referrer_doc(inv, referrer_id) if with_referrer and referrer_id else None
    return lead_view(doc, referrer)


@router.post("", status_code=201, summary="Register a lead (any platform, any park)")
async def create_lead(body: LeadCreate, inv: InvestmentDep, officer: Officer) -> LeadOfficer:
    """A second lead for the same credit code is refused with 409 naming the existing lead."""
    state = await register_lead(inv, NewLead(**body.model_dump()), context_of(officer))
    return await fresh_lead(inv, state.lead_id)


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
    docs = await (await inv.read_models()).find("leads", where)
    return [lead_view(d) for d in docs]


@router.get("/{lead_id}", summary="One lead, with its referrer's details")
async def get_lead(lead_id: str, inv: InvestmentDep, officer: Officer) -> LeadOfficer:
    return await fresh_lead(inv, lead_id)
