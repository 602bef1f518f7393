"""/public: the online platform (网上招商) without a token: the inquiry form, which creates
an online lead under the same validation and duplicate rules, rate-limited per client, and
the listings (serviced parcels and published opportunities). No personal data here."""

from __future__ import annotations

from typing import ClassVar

from fastapi import APIRouter, Depends, Request
from park_shared.errors import DomainError
from park_shared.handler import CommandContext
from pydantic import BaseModel

from park_investment.api.deps import InvestmentDep
from park_investment.api.listings import OpportunityPublic, ParcelPublic
from park_investment.api.schemas import InquiryCreate
from park_investment.application.leads import register_lead
from park_investment.projections.listings import OPPORTUNITIES, PARCELS

__all__ = ["TooManyRequests", "router"]

router = APIRouter(prefix="/public", tags=["public"])


class TooManyRequests(DomainError):
    status: ClassVar[int] = 429
    title: ClassVar[str] = "Too many requests"


def limit_inquiries(request: Request, inv: InvestmentDep) -> None:
    """One token per inquiry from the client's address; refused with 429 and Retry-After."""
    client = request.client.host if request.client else "unknown"
    wait = inv.inquiry_limit.take(client)
    if wait is not None:
        raise TooManyRequests(f"too many inquiries; try again in {wait} s", retry_after=wait)


class InquiryReceipt(BaseModel):
    lead_id: str
    status: str
    park_id: str


class PublicListings(BaseModel):
    parcels: list[ParcelPublic]
    opportunities: list[OpportunityPublic]


@router.post(
    "/inquiries",
    status_code=201,
    dependencies=[Depends(limit_inquiries)],
    summary="Send an investment inquiry (creates an online lead)",
    responses={409: {"description": "the credit code is already a lead"}, 429: {"description": "slow down"}},
)
async def inquire(body: InquiryCreate, inv: InvestmentDep) -> InquiryReceipt:
    lead = await register_lead(
        inv, body.command(inv.today(), inv.parks), CommandContext(actor="public:inquiry")
    )
    return InquiryReceipt(lead_id=lead.lead_id, status=lead.status, park_id=lead.park_id)


@router.get("/listings", summary="Serviced parcels on offer and published opportunities")
async def listings(inv: InvestmentDep, park_id: str | None = None) -> PublicListings:
    read_models = await inv.read_models()
    where = {"park_id": park_id} if park_id else {}
    parcels = await read_models.find(PARCELS, where)
    opportunities = await read_models.find(OPPORTUNITIES, {**where, "status": "published"})
    return PublicListings(
        parcels=[ParcelPublic.model_validate(d) for d in parcels],
        opportunities=[OpportunityPublic.model_validate(d) for d in opportunities],
    )
