"""Industrial-co's event contract. Only the integration events of docs/events.md go onto
park.industrial-co.events; drafts, bids, allotments and allocations stay in our store, no one
else's business. We read headquarters' parcels, its signed requisition agreements, its fee
schedules and token revocations."""

from __future__ import annotations

from park_shared.contract import Contract, reads_from
from park_shared.revocation import TOKEN_REVOKED_READING

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
    *reads_from(
        "headquarters",
        readings.ParcelRegistered,
        readings.AgreementSigned,
        readings.PolicyPublished,
        readings.PolicySuperseded,
        readings.PolicyRevoked,
    ),
    TOKEN_REVOKED_READING,  # refused by our auth
)


def contract() -> Contract:
    events = (
        offering.OfferingEvent,
        project.ProjectEvent,
        investor.InvestorEvent,
        treasury.TreasuryEvent,
        land_compensation.CompensationEvent,
        parcel.ParcelRecorded,
        shared_facility.FacilityEvent,
        fee_schedule.FeeScheduleEvent,
    )
    return Contract.of(SERVICE, publishes=PUBLISHES, events=events, reads=READS)
