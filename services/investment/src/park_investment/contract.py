"""Investment's event contract: the integration events of docs/events.md and the public
listings the dashboard shows leave the service; everything else stays in our store (no
personal data: a referrer appears only as its pseudonymous referrer_id). With our readings of
the other services' events. The bootstrap builds the registry from it; so does the contract gate."""

from __future__ import annotations

from park_shared.contract import Contract, Reading, events_of
from park_shared.revocation import TokenRevokedReading

from park_investment.domain.lead_events import (
    DuplicateLeadRefused,
    LeadContacted,
    LeadEvent,
    LeadLanded,
    LeadLost,
    LeadNegotiating,
    LeadRegistered,
    LeadRegisteredForService,
    LeadSigned,
    RewardGranted,
    RewardPaid,
)
from park_investment.domain.opportunity import OpportunityEvent, OpportunityPublished, OpportunityWithdrawn
from park_investment.domain.parcel_listing import ListingEvent
from park_investment.domain.referrer import ReferrerEvent
from park_investment.domain.reward_policy import PolicyEvent
from park_investment.events import SERVICE
from park_investment.readings import (
    CaseOpened,
    EnterpriseCommissioned,
    ParcelAllocated,
    ParcelReleased,
    ParcelServiced,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
)

__all__ = ["PUBLISHES", "READS", "contract"]

PUBLISHES = (
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
    OpportunityPublished,  # the public listings (the dashboard's public page)
    OpportunityWithdrawn,
)

READS = (
    Reading("headquarters", PolicyPublished),
    Reading("headquarters", PolicySuperseded),
    Reading("headquarters", PolicyRevoked),
    Reading("headquarters", ParcelServiced),
    Reading("headquarters", ParcelAllocated),
    Reading("headquarters", ParcelReleased),
    Reading("service-center", CaseOpened),
    Reading("service-center", EnterpriseCommissioned),
    # headquarters' revocations of department tokens (park_shared.revocation): refused by our auth
    Reading("headquarters", TokenRevokedReading, "TokenRevoked"),
)


def contract() -> Contract:
    stored = events_of(LeadEvent, OpportunityEvent, ListingEvent, ReferrerEvent, PolicyEvent)
    return Contract(
        SERVICE,
        publishes=PUBLISHES,
        keeps=[event for event in stored if event not in PUBLISHES],
        reads=READS,
    )
