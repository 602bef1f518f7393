"""Industrial-co's event contract. Only the integration events of docs/events.md go onto
park.industrial-co.events; drafts, bids, allotments and allocations stay in our store, no one
else's business. The bootstrap builds the registry from it; so does the contract gate."""

from __future__ import annotations

from park_shared.contract import Contract, Reading, events_of
from park_shared.revocation import TokenRevokedReading

from park_industrial_co.domain.investor import InvestorEvent
from park_industrial_co.domain.offering import (
    OfferingClosed,
    OfferingEvent,
    OfferingOpened,
    SubscriptionPaid,
)
from park_industrial_co.domain.parcel import ParcelRecorded
from park_industrial_co.domain.project import (
    InfrastructureCompleted,
    ProjectEvent,
    ProjectMilestoneReached,
    ProjectPlanned,
)
from park_industrial_co.domain.treasury import FundsAllocated
from park_industrial_co.events import SERVICE
from park_industrial_co.readings import ParcelRegistered

__all__ = ["PUBLISHES", "READS", "contract"]

PUBLISHES = (
    OfferingOpened,
    SubscriptionPaid,
    OfferingClosed,
    ProjectPlanned,
    ProjectMilestoneReached,
    InfrastructureCompleted,
)

READS = (
    Reading("headquarters", ParcelRegistered),
    # headquarters' revocations of department tokens (park_shared.revocation): refused by our auth
    Reading("headquarters", TokenRevokedReading, "TokenRevoked"),
)


def contract() -> Contract:
    stored = events_of(OfferingEvent, ProjectEvent, InvestorEvent, FundsAllocated, ParcelRecorded)
    return Contract(
        SERVICE,
        publishes=PUBLISHES,
        keeps=[event for event in stored if event not in PUBLISHES],
        reads=READS,
    )
