"""/listings: opportunities an officer publishes on the online platform, and withdraws."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter
from park_shared.errors import NotFound
from pydantic import BaseModel, Field

from park_investment.api.deps import InvestmentDep, Officer, context_of
from park_investment.application.service import Investment
from park_investment.domain.opportunity import PublishOpportunity, WithdrawOpportunity

__all__ = ["OpportunityPublic", "ParcelPublic", "router"]

router = APIRouter(prefix="/listings", tags=["listings"])


class ListingCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    park_id: str = Field(min_length=1, max_length=40)
    industry: str = Field(min_length=1, max_length=100)
    summary: str = Field("", max_length=4000)
    parcel_ids: list[str] = Field(default_factory=list, max_length=50)


class OpportunityPublic(BaseModel):
    listing_id: str
    title: str
    park_id: str
    industry: str
    summary: str
    parcel_ids: list[str]
    published_on: date


class OpportunityOfficer(OpportunityPublic):
    status: str
    withdrawn_on: date | None


class ParcelPublic(BaseModel):
    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int
    serviced_on: date


class Listings(BaseModel):
    parcels: list[ParcelPublic]
    opportunities: list[OpportunityOfficer]


async def _opportunity(inv: Investment, listing_id: str) -> OpportunityOfficer:
    doc = await inv.doc("opportunities", listing_id)
    if doc is None:
        raise NotFound(f"there is no listing {listing_id}", listing_id=listing_id)
    return OpportunityOfficer.model_validate(doc)


@router.post("", status_code=201, summary="Publish an opportunity on the online platform")
async def publish(body: ListingCreate, inv: InvestmentDep, officer: Officer) -> OpportunityOfficer:
    listing_id = f"listing-{uuid.uuid4().hex[:12]}"
    command = PublishOpportunity(
        listing_id=listing_id,
        published_on=inv.today(),
        known_parks=tuple(inv.settings.park_parks),
        **{**body.model_dump(), "parcel_ids": tuple(body.parcel_ids)},
    )
    await inv.opportunities.handle(listing_id, command, expect="new", context=context_of(officer))
    return await _opportunity(inv, listing_id)


@router.post("/{listing_id}/withdrawal", summary="Withdraw a published opportunity")
async def withdraw(listing_id: str, inv: InvestmentDep, officer: Officer) -> OpportunityOfficer:
    command = WithdrawOpportunity(withdrawn_on=inv.today())
    await inv.opportunities.handle(listing_id, command, expect="existing", context=context_of(officer))
    return await _opportunity(inv, listing_id)


@router.get("", summary="Everything listed, withdrawn opportunities included")
async def all_listings(inv: InvestmentDep, officer: Officer) -> Listings:
    read_models = await inv.read_models()
    return Listings(
        parcels=[ParcelPublic.model_validate(d) for d in await read_models.find("parcel_listings")],
        opportunities=[OpportunityOfficer.model_validate(d) for d in await read_models.find("opportunities")],
    )
