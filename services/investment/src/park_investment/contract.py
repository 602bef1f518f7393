"""Investment's event contract: the integration events of docs/events.md and the public
listings the dashboard shows leave the service; everything else stays in our store (no
personal data: a referrer appears only as its pseudonymous referrer_id). With how we read
headquarters' policies and parcels and service-center's cases."""

from __future__ import annotations

from park_shared.contract import Contract, reads_from
from park_shared.revocation import TOKEN_REVOKED_READING

from park_investment import readings
from park_investment.domain import (
    lead_events,
    opportunity,
    parcel_listing,
    project_proposal,
    referrer,
    reward_policy,
)
from park_investment.events import SERVICE

__all__ = ["PUBLISHES", "READS", "contract"]

PUBLISHES = (
    lead_events.LeadRegistered,
    lead_events.DuplicateLeadRefused,
    lead_events.LeadContacted,
    lead_events.LeadNegotiating,
    lead_events.LeadSigned,
    lead_events.LeadRegisteredForService,
    lead_events.LeadLanded,
    lead_events.LeadLost,
    lead_events.RewardGranted,
    lead_events.RewardPaid,
    opportunity.OpportunityPublished,  # the public listings (the dashboard's public page)
    opportunity.OpportunityWithdrawn,
    project_proposal.ProposalSubmitted,  # related projects on the merchant platform (the dashboard)
    project_proposal.ProjectLeadOpened,
    project_proposal.ProjectDuplicated,
)

READS = (
    *reads_from(
        "headquarters",
        readings.PolicyPublished,
        readings.PolicySuperseded,
        readings.PolicyRevoked,
        readings.ParcelServiced,
        readings.ParcelAllocated,
        readings.ParcelReleased,
    ),
    *reads_from("service-center", readings.CaseOpened, readings.EnterpriseCommissioned),
    TOKEN_REVOKED_READING,  # refused by our auth
)


def contract() -> Contract:
    events = (
        lead_events.LeadEvent,
        opportunity.OpportunityEvent,
        parcel_listing.ListingEvent,
        referrer.ReferrerEvent,
        reward_policy.PolicyEvent,
        project_proposal.ProposalEvent,
    )
    return Contract.of(SERVICE, publishes=PUBLISHES, events=events, reads=READS)
