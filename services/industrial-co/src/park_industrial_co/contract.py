"""Industrial-co's event contract. Only the integration events of docs/events.md go onto
park.industrial-co.events; drafts, bids, allotments and allocations stay in our store, no one
else's business. We read headquarters' parcels, its signed requisition agreements, its fee
schedules and token revocations."""

from __future__ import annotations

from park_shared.contract import Contract, Reading, events_of
from park_shared.revocation import TokenRevokedReading

from park_industrial_co import readings
from park_industrial_co.domain import (
    fee_schedule,
    investor,
    land_compensation,
    offering,
    parcel,
    project,
    shared_facility,
    treasury,
)
from park_industrial_co.events import SERVICE

__all__ = ["PUBLISHES", "READS", "contract"]

PUBLISHES = (
    offering.OfferingOpened,
    offering.SubscriptionPaid,
    offering.OfferingClosed,
    project.ProjectPlanned,
    project.ProjectMilestoneReached,
    project.InfrastructureCompleted,
    shared_facility.FacilityRegistered,
    shared_facility.FacilityBooked,
    shared_facility.BookingCancelled,
    land_compensation.LandCompensationPaid,
)

READS = (
    Reading("headquarters", readings.ParcelRegistered),
    Reading("headquarters", readings.AgreementSigned),
    Reading("headquarters", readings.PolicyPublished),
    Reading("headquarters", readings.PolicySuperseded),
    Reading("headquarters", readings.PolicyRevoked),
    Reading("headquarters", TokenRevokedReading, "TokenRevoked"),  # refused by our auth
)


def contract() -> Contract:
    keeps = events_of(
        offering.OfferingEvent,
        project.ProjectEvent,
        investor.InvestorEvent,
        treasury.TreasuryEvent,
        land_compensation.CompensationEvent,
        parcel.ParcelRecorded,
        shared_facility.FacilityEvent,
        fee_schedule.FeeScheduleEvent,
        without=PUBLISHES,
    )
    return Contract(SERVICE, publishes=PUBLISHES, keeps=keeps, reads=READS)
