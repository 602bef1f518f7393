"""The dashboard's reading of investment's events (招商)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from park_shared.events import ForeignEvent
from pydantic import BaseModel

PRODUCER = "investment"


class LeadRegistered(ForeignEvent):
    lead_id: str
    park_id: str
    platform: str
    company_name: str | None = None
    """Names a proposing enterprise on the merchant platform's related projects."""


class LeadContacted(ForeignEvent):
    """Not in the contract table, but on the topic: the funnel's second stage when present."""

    lead_id: str


class LeadNegotiating(ForeignEvent):
    lead_id: str


class DuplicateLeadRefused(ForeignEvent):
    existing_lead_id: str
    platform: str
    park_id: str


class LeadSigned(ForeignEvent):
    lead_id: str
    park_id: str
    platform: str
    signed_amount: Decimal


class LeadRegisteredForService(ForeignEvent):
    lead_id: str
    case_id: str


class LeadLanded(ForeignEvent):
    lead_id: str


class LeadLost(ForeignEvent):
    lead_id: str


class RewardGranted(ForeignEvent):
    reward_id: str
    lead_id: str
    amount: Decimal


class RewardPaid(ForeignEvent):
    reward_id: str
    amount: Decimal


class OpportunityPublished(ForeignEvent):
    """An investment opportunity on the online platform (the public page lists it)."""

    listing_id: str
    title: str
    park_id: str
    industry: str
    summary: str
    parcel_ids: list[str]
    published_on: date


class OpportunityWithdrawn(ForeignEvent):
    listing_id: str


class RelatedProject(BaseModel):
    sector: str
    relation: str
    estimated_investment: Decimal
    park_id: str


class ProposalSubmitted(ForeignEvent):
    """A landed enterprise (its lead) proposes a batch of related projects (merchant platform)."""

    proposal_id: str
    proposer_lead_id: str
    projects: list[RelatedProject]
    submitted_on: date


class ProjectLeadOpened(ForeignEvent):
    proposal_id: str
    proposer_lead_id: str
    project: int
    lead_id: str


class ProjectDuplicated(ForeignEvent):
    proposal_id: str
    proposer_lead_id: str
    project: int
    existing_lead_id: str


MODELS: tuple[type[ForeignEvent], ...] = (
    LeadRegistered,
    LeadContacted,
    LeadNegotiating,
    DuplicateLeadRefused,
    LeadSigned,
    LeadRegisteredForService,
    LeadLanded,
    LeadLost,
    RewardGranted,
    RewardPaid,
    OpportunityPublished,
    OpportunityWithdrawn,
    ProposalSubmitted,
    ProjectLeadOpened,
    ProjectDuplicated,
)
