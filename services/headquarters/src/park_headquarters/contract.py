"""Headquarters' event contract: the integration events it publishes (docs/events.md), the
events it keeps in its own store (the outbox relay skips them), and its readings of the other
services' events. The bootstrap builds the registry from it; so does the contract gate."""

from __future__ import annotations

from park_shared.contract import Contract, reads_from

from park_headquarters import readings
from park_headquarters.domain import (
    approval,
    coordination,
    household,
    land_requisition,
    offering,
    parcel,
    park,
    planning_messages,
    policy_messages,
    regulation,
    revocation,
    supervision,
)
from park_headquarters.events import SERVICE

__all__ = ["PUBLISHES", "READS", "contract"]

PUBLISHES = (
    park.ParkRegistered,
    parcel.ParcelRegistered,
    parcel.ParcelServiced,
    parcel.ParcelAllocated,
    parcel.ParcelReleased,
    parcel.ParcelRequisitioned,
    # the land requisition cases' stages: industrial-co pays the agreements, the dashboard
    # shows every stage (counts and amounts, no names)
    land_requisition.RequisitionOpened,
    land_requisition.AgreementSigned,
    land_requisition.CompensationPaid,
    land_requisition.ResettlementNoted,
    land_requisition.IssueRaised,
    land_requisition.IssueClosed,
    land_requisition.RequisitionCompleted,
    policy_messages.PolicyPublished,
    policy_messages.PolicySuperseded,
    policy_messages.PolicyRevoked,
    regulation.RegulationPublished,
    regulation.RegulationRepealed,
    approval.ProjectApproved,
    approval.ProjectRejected,
    supervision.SupervisionCaseOpened,
    supervision.SupervisionCaseClosed,
    revocation.TokenRevoked,
)

READS = (
    *reads_from(
        "service-center", readings.ApprovalRequested, readings.StepOverdue, readings.TalentDecisionOverdue
    ),
    *reads_from(
        "industrial-co",
        readings.InfrastructureCompleted,
        readings.OfferingClosed,
        readings.LandCompensationPaid,
    ),
)


def contract() -> Contract:
    events = (
        park.ParkEvent,
        parcel.ParcelEvent,
        policy_messages.PolicyEvent,
        approval.ApprovalEvent,
        planning_messages.PlanningEvent,
        supervision.SupervisionEvent,
        coordination.CoordinationEvent,
        offering.OfferingClosureRecorded,
        regulation.RegulationEvent,
        land_requisition.RequisitionEvent,
        household.HouseholdEvent,
    )
    return Contract.of(SERVICE, publishes=PUBLISHES, events=events, reads=READS)
