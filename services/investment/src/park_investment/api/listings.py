"""/listings: opportunities an officer publishes on the online platform, and withdraws."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from park_investment.api.deps import InvestmentDep, Officer
from park_investment.domain.opportunity import OpportunityListing, PublishOpportunity, WithdrawOpportunity
from park_investment.domain.parcel_listing import ServicedParcel
from park_investment.projections.listings import OPPORTUNITIES, PARCELS

__all__ = ["OpportunityPublic", "ParcelPublic", "router"]

router = APIRouter(prefix="/listings", tags=["listings"])


class ListingCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    park_id: str = Field(min_length=1, max_length=40)
    industry: str = Field(min_length=1, max_length=100)
    summary: str = Field("", max_length=4000)
    parcel_ids: list[str] = Field(default_factory=list, max_length=50)

    def command(
        self, listing_id: str, published_on: date, known_parks: tuple[str, ...]
    ) -> PublishOpportunity:
        return PublishOpportunity(
            listing_id=listing_id,
            title=self.title,
            park_id=self.park_id,
            industry=self.industry,
            summary=self.summary,
            parcel_ids=tuple(self.parcel_ids),
            published_on=published_on,
            known_parks=known_parks,
        )


class OpportunityPublic(OpportunityListing):
    pass


class OpportunityOfficer(OpportunityPublic):
    status: str
    withdrawn_on: date | None


class ParcelPublic(ServicedParcel):
    pass


class Listings(BaseModel):
    parcels: list[ParcelPublic]
    opportunities: list[OpportunityOfficer]


@router.post("", status_code=201, summary="Publish an opportunity on the online platform")
async def publish(body: ListingCreate, inv: InvestmentDep, officer: Officer) -> OpportunityOfficer:
    listing_id = f"listing-{uuid.uuid4().hex[:12]}"
    command = body.command(listing_id, inv.today(), inv.parks)
    listing = await inv.run_then_read(
        inv.opportunities, listing_id, command, officer.context(), collection=OPPORTUNITIES
    )
    return OpportunityOfficer.model_validate(listing)


@router.post("/{listing_id}/withdrawal", summary="Withdraw a published opportunity")
async def withdraw(listing_id: str, inv: InvestmentDep, officer: Officer) -> OpportunityOfficer:
    command = WithdrawOpportunity(withdrawn_on=inv.today())
    listing = await inv.run_then_read(
        inv.opportunities, listing_id, command, officer.context(), collection=OPPORTUNITIES
    )
    return OpportunityOfficer.model_validate(listing)


@router.get("", summary="Everything listed, withdrawn opportunities included")
async def all_listings(inv: InvestmentDep, officer: Officer) -> Listings:
    read_models = await inv.read_models()
    return Listings(
        parcels=[ParcelPublic.model_validate(d) for d in await read_models.find(PARCELS)],
        opportunities=[OpportunityOfficer.model_validate(d) for d in await read_models.find(OPPORTUNITIES)],
    )
