"""The lead's events: the contract ones of docs/events.md, and our internal ones. No
personal data: a referrer appears only as its pseudonymous referrer_id."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from park_shared.events import Event
from pydantic import BaseModel

__all__ = [
    "DuplicateLeadRefused",
    "LeadContacted",
    "LeadEvent",
    "LeadLanded",
    "LeadLost",
    "LeadNegotiating",
    "LeadRegistered",
    "LeadRegisteredForService",
    "LeadSigned",
    "Platform",
    "PossibleDuplicateFlagged",
    "PossibleDuplicateResolved",
    "RewardGrant",
    "RewardGranted",
    "RewardPaid",
]

Platform = Literal["online", "merchant", "all_staff"]


class LeadRegistered(Event):
    lead_id: str
    company_name: str
    credit_code: str
    industry: str
    planned_investment: Decimal
    park_id: str
    platform: Platform
    referrer_id: str | None
    registered_on: date


class DuplicateLeadRefused(Event):
    existing_lead_id: str
    platform: Platform
    park_id: str
    refused_on: date


class PossibleDuplicateFlagged(Event):
    """Internal: the name normalises to these other leads' names (their codes differ)."""

    lead_id: str
    normalised_name: str
    of_lead_ids: tuple[str, ...]


class PossibleDuplicateResolved(Event):
    """Internal: an officer merged the lead into another, or confirmed it is distinct."""

    lead_id: str
    resolution: Literal["merged", "distinct"]
    into_lead_id: str | None
    platform: Platform
    park_id: str
    resolved_on: date


class LeadContacted(Event):
    """The funnel's second stage (public: the dashboard's funnel reads it)."""

    lead_id: str
    contacted_on: date


class LeadNegotiating(Event):
    """The funnel's third stage (public: the dashboard's funnel reads it)."""

    lead_id: str
    negotiating_since: date


class LeadSigned(Event):
    lead_id: str
    company_name: str
    credit_code: str
    industry: str
    park_id: str
    planned_investment: Decimal
    signed_amount: Decimal
    signed_on: date
    preferred_parcel_id: str | None
    platform: Platform
    referrer_id: str | None
    green_channel: bool


class LeadRegisteredForService(Event):
    lead_id: str
    case_id: str


class LeadLanded(Event):
    lead_id: str
    case_id: str
    landed_on: date


class LeadLost(Event):
    lead_id: str
    reason: str
    stage: str


class RewardGrant(BaseModel):
    """A reward as granted: to a referrer (pseudonymous), for a lead, under a policy version."""

    reward_id: str
    lead_id: str
    referrer_id: str
    amount: Decimal
    policy_id: str
    policy_version: int
    granted_on: date


class RewardGranted(RewardGrant, Event):
    pass


class RewardPaid(Event):
    reward_id: str
    amount: Decimal
    paid_on: date


LeadEvent = (
    LeadRegistered
    | DuplicateLeadRefused
    | PossibleDuplicateFlagged
    | PossibleDuplicateResolved
    | LeadContacted
    | LeadNegotiating
    | LeadSigned
    | LeadRegisteredForService
    | LeadLanded
    | LeadLost
    | RewardGranted
    | RewardPaid
)
