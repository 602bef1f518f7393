"""The online platform's listings: serviced parcels not yet allocated, and opportunities."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_investment.domain.opportunity import OpportunityPublished, OpportunityWithdrawn
from park_investment.domain.parcel_listing import ParcelDelisted, ParcelListed

__all__ = ["OPPORTUNITIES", "PARCELS", "ListingsProjection"]

PARCELS = "parcel_listings"
OPPORTUNITIES = "opportunities"


class ListingsProjection:
    name: str = "listings"
    collections: tuple[str, ...] = (PARCELS, OPPORTUNITIES)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        match event:
            case ParcelListed():
                view.put(PARCELS, event.parcel_id, {**event.model_dump(mode="json"), "status": "listed"})
            case ParcelDelisted():
                view.delete(PARCELS, event.parcel_id)
            case OpportunityPublished():
                doc = {**event.model_dump(mode="json"), "status": "published", "withdrawn_on": None}
                view.put(OPPORTUNITIES, event.listing_id, doc)
            case OpportunityWithdrawn():
                old = await view.get(OPPORTUNITIES, event.listing_id)
                if old is not None:
                    update = {"status": "withdrawn", "withdrawn_on": str(event.withdrawn_on)}
                    view.put(OPPORTUNITIES, event.listing_id, {**old, **update})
