"""/public: the online platform (网上招商) without a token: the inquiry form, which creates
an online lead under the same validation and duplicate rules, rate-limited per client, and
the listings (serviced parcels and published opportunities). No personal data here."""

from __future__ import annotations

from typing import ClassVar

from fastapi import APIRouter, Depends, Request
from park_shared.errors import DomainError
from park_shared.handler import CommandContext
from pydantic import BaseModel, Field

from park_investment.api.deps import InvestmentDep, get_investment
from park_investment.api.listings import OpportunityPublic, ParcelPublic
from park_investment.api.schemas import CompanyName, CreditCode
from park_investment.application.leads import NewLead, register_lead
from park_investment.domain.money import Money

__all__ = ["TooManyRequests", "router"]

router = APIRouter(prefix="/public", tags=["public"])


class TooManyRequests(DomainError):
    status: ClassVar[int] = 429
    title: ClassVar[str] = "Too many requests"


def limit_inquiries(request: Request) -> None:
    """One token per inquiry from the client's address; refused with 429 and Retry-After."""
    client = request.client.host if request.client else "unknown"
    wait = get_investment(request).inquiry_limit.take(client)
    if wait is not None:
        raise TooManyRequests(f"too many inquiries; try again in {wait} s", retry_after=wait)


class InquiryCreate(BaseModel):
    company_name: CompanyName
    credit_code: CreditCode
    industry: str = Field(min_length=1, max_length=100)
    planned_investment: Money
    park_id: str = Field(min_length=1, max_length=40)


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
    new = NewLead(platform="online", referrer_id=None, **body.model_dump())
    lead = await register_lead(inv, new, CommandContext(actor="public:inquiry"))
    return InquiryReceipt(lead_id=lead.lead_id, status=lead.status, park_id=lead.park_id)


@router.get("/listings", summary="Serviced parcels on offer and published opportunities")
async def listings(inv: InvestmentDep, park_id: str | None = None) -> PublicListings:
    read_models = await inv.read_models()
    where = {"park_id": park_id} if park_id else {}
    parcels = await read_models.find("parcel_listings", where)
    opportunities = await read_models.find("opportunities", {**where, "status": "published"})
    return PublicListings(
        parcels=[ParcelPublic.model_validate(d) for d in parcels],
        opportunities=[OpportunityPublic.model_validate(d) for d in opportunities],
    )
