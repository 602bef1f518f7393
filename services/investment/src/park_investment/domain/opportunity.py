"""An investment opportunity (招商项目) an officer publishes on the online platform and
may withdraw."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

__all__ = [
    "Opportunity",
    "OpportunityCommand",
    "OpportunityPublished",
    "OpportunityWithdrawn",
    "PublishOpportunity",
    "WithdrawOpportunity",
    "opportunity_decider",
]


class OpportunityListing(BaseModel):
    """An opportunity as it is listed: what publishing it gives and its event records."""

    listing_id: str
    title: str
    park_id: str
    industry: str
    summary: str
    parcel_ids: tuple[str, ...]
    published_on: date


class PublishOpportunity(OpportunityListing, Command):
    known_parks: tuple[str, ...]


class WithdrawOpportunity(Command):
    withdrawn_on: date


class OpportunityPublished(OpportunityListing, Event):
    """An opportunity offered on the online platform (published: the dashboard's public page lists it)."""


class OpportunityWithdrawn(Event):
    """The opportunity is no longer offered (published)."""

    listing_id: str
    withdrawn_on: date


OpportunityCommand = PublishOpportunity | WithdrawOpportunity
OpportunityEvent = OpportunityPublished | OpportunityWithdrawn


class Opportunity(BaseModel):
    model_config = ConfigDict(frozen=True)
    status: Literal["none", "published", "withdrawn"] = "none"
    listing_id: str = ""


def decide(command: OpportunityCommand, state: Opportunity) -> Sequence[OpportunityEvent]:
    match command:
        case PublishOpportunity():
            return _publish(command)
        case WithdrawOpportunity():
            if state.status != "published":
                raise Conflict(f"a {state.status} listing cannot be withdrawn", listing_id=state.listing_id)
            return [OpportunityWithdrawn(listing_id=state.listing_id, withdrawn_on=command.withdrawn_on)]


def _publish(command: PublishOpportunity) -> list[OpportunityEvent]:
    if command.park_id not in command.known_parks:
        raise Invalid(f"unknown park {command.park_id!r}", field="park_id")
    foreign = [p for p in command.parcel_ids if not p.startswith(f"{command.park_id}-")]
    if foreign:
        raise Invalid(f"parcels not in park {command.park_id}: {', '.join(foreign)}", field="parcel_ids")
    return [
        OpportunityPublished(
            listing_id=command.listing_id,
            title=command.title,
            park_id=command.park_id,
            industry=command.industry,
            summary=command.summary,
            parcel_ids=command.parcel_ids,
            published_on=command.published_on,
        )
    ]


def evolve(state: Opportunity, event: OpportunityEvent) -> Opportunity:
    match event:
        case OpportunityPublished():
            return Opportunity(status="published", listing_id=event.listing_id)
        case OpportunityWithdrawn():
            return state.model_copy(update={"status": "withdrawn"})


opportunity_decider: Decider[OpportunityCommand, Opportunity, OpportunityEvent] = Decider(
    Opportunity(), decide, evolve
)
