"""Headquarters' event contract: the integration events it publishes (docs/events.md), the
events it keeps in its own store (the outbox relay skips them), and its readings of the other
services' events. The bootstrap builds the registry from it; so does the contract gate."""

from __future__ import annotations

from park_shared.contract import Contract, Reading, events_of

from park_headquarters.domain.approval import ApprovalEvent, ProjectApproved, ProjectRejected
from park_headquarters.domain.coordination import CoordinationEvent
from park_headquarters.domain.offering import OfferingClosureRecorded
from park_headquarters.domain.parcel import (
    ParcelAllocated,
    ParcelEvent,
    ParcelRegistered,
    ParcelReleased,
    ParcelServiced,
)
from park_headquarters.domain.park import ParkEvent, ParkRegistered
from park_headquarters.domain.planning_messages import PlanningEvent
from park_headquarters.domain.policy_messages import (
    PolicyEvent,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
)
from park_headquarters.domain.revocation import TokenRevoked
from park_headquarters.domain.supervision import (
    SupervisionCaseClosed,
    SupervisionCaseOpened,
    SupervisionEvent,
)
from park_headquarters.events import SERVICE
from park_headquarters.readings import (
    ApprovalRequested,
    InfrastructureCompleted,
    OfferingClosed,
    StepOverdue,
)

__all__ = ["PUBLISHES", "READS", "contract"]

PUBLISHES = (
    ParkRegistered,
    ParcelRegistered,
    ParcelServiced,
    ParcelAllocated,
    ParcelReleased,
    PolicyPublished,
    PolicySuperseded,
    PolicyRevoked,
    ProjectApproved,
    ProjectRejected,
    SupervisionCaseOpened,
    SupervisionCaseClosed,
    TokenRevoked,
)

READS = (
    Reading("service-center", ApprovalRequested),
    Reading("service-center", StepOverdue),
    Reading("industrial-co", InfrastructureCompleted),
    Reading("industrial-co", OfferingClosed),
)


def contract() -> Contract:
    stored = events_of(
        ParkEvent,
        ParcelEvent,
        PolicyEvent,
        ApprovalEvent,
        PlanningEvent,
        SupervisionEvent,
        CoordinationEvent,
        OfferingClosureRecorded,
        TokenRevoked,
    )
    return Contract(
        SERVICE,
        publishes=PUBLISHES,
        keeps=[event for event in stored if event not in PUBLISHES],
        reads=READS,
    )
