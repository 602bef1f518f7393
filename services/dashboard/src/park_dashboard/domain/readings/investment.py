"""The dashboard's reading of investment's events (招商)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from park_shared.events import ForeignEvent

from park_dashboard.domain.readings.base import reads


@reads("investment", "LeadRegistered")
class LeadRegistered(ForeignEvent):
    lead_id: str
    park_id: str
    platform: str


@reads("investment", "LeadContacted")
class LeadContacted(ForeignEvent):
    """Not in the contract table, but on the topic: the funnel's second stage when present."""

    lead_id: str


@reads("investment", "LeadNegotiating")
class LeadNegotiating(ForeignEvent):
    lead_id: str


@reads("investment", "DuplicateLeadRefused")
class DuplicateLeadRefused(ForeignEvent):
    existing_lead_id: str
    platform: str
    park_id: str


@reads("investment", "LeadSigned")
class LeadSigned(ForeignEvent):
    lead_id: str
    park_id: str
    platform: str
    signed_amount: Decimal


@reads("investment", "LeadRegisteredForService")
class LeadRegisteredForService(ForeignEvent):
    lead_id: str
    case_id: str


@reads("investment", "LeadLanded")
class LeadLanded(ForeignEvent):
    lead_id: str


@reads("investment", "LeadLost")
class LeadLost(ForeignEvent):
    lead_id: str


@reads("investment", "RewardGranted")
class RewardGranted(ForeignEvent):
    reward_id: str
    lead_id: str
    amount: Decimal


@reads("investment", "RewardPaid")
class RewardPaid(ForeignEvent):
    reward_id: str
    amount: Decimal


@reads("investment", "OpportunityPublished")
class OpportunityPublished(ForeignEvent):
    """An investment opportunity on the online platform (the public page lists it)."""

    listing_id: str
    title: str
    park_id: str
    industry: str
    summary: str
    parcel_ids: list[str]
    published_on: date


@reads("investment", "OpportunityWithdrawn")
class OpportunityWithdrawn(ForeignEvent):
    listing_id: str
