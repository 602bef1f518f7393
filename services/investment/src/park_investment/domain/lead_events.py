"""The lead's events: the contract ones of docs/events.md, and our internal ones. No
personal data: a referrer appears only as its pseudonymous referrer_id."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from park_shared.events import Event

from park_investment.domain.opportunity import OpportunityPublished, OpportunityWithdrawn
from park_investment.events import registry

__all__ = [
    "INTEGRATION_EVENTS",
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
    "RewardGranted",
    "RewardPaid",
]

Platform = Literal["online", "merchant", "all_staff"]


@registry.event()
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


@registry.event()
class DuplicateLeadRefused(Event):
    existing_lead_id: str
    platform: Platform
    park_id: str
    refused_on: date


@registry.event()
class PossibleDuplicateFlagged(Event):
    """Internal: the name normalises to these other leads' names (their codes differ)."""

    lead_id: str
    normalised_name: str
    of_lead_ids: tuple[str, ...]


@registry.event()
class PossibleDuplicateResolved(Event):
    """Internal: an officer merged the lead into another, or confirmed it is distinct."""

    lead_id: str
    resolution: Literal["merged", "distinct"]
    into_lead_id: str | None
    platform: Platform
    park_id: str
    resolved_on: date


@registry.event()
class LeadContacted(Event):
    """The funnel's second stage (public: the dashboard's funnel reads it)."""

    lead_id: str
    contacted_on: date


@registry.event()
class LeadNegotiating(Event):
    """The funnel's third stage (public: the dashboard's funnel reads it)."""

    lead_id: str
    negotiating_since: date


@registry.event()
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


@registry.event()
class LeadRegisteredForService(Event):
    lead_id: str
    case_id: str


@registry.event()
class LeadLanded(Event):
    lead_id: str
    case_id: str
    landed_on: date


@registry.event()
class LeadLost(Event):
    lead_id: str
    reason: str
    stage: str


@registry.event()
class RewardGranted(Event):
    reward_id: str
    lead_id: str
    referrer_id: str
    amount: Decimal
    policy_id: str
    policy_version: int
    granted_on: date


@registry.event()
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

INTEGRATION_EVENTS = (
    LeadRegistered,
    DuplicateLeadRefused,
    LeadContacted,
    LeadNegotiating,
    LeadSigned,
    LeadRegisteredForService,
    LeadLanded,
    LeadLost,
    RewardGranted,
    RewardPaid,
)
"""The events of docs/events.md: only these leave the service; the rest stay internal."""

registry.declare_public(*INTEGRATION_EVENTS)
registry.declare_public(OpportunityPublished, OpportunityWithdrawn)  # the public listings (dashboard)
