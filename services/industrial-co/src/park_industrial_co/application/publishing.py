"""Only the integration events of docs/events.md go onto park.industrial-co.events; drafts,
bids, allotments and allocations stay in our store, no one else's business."""

from __future__ import annotations

from park_industrial_co.domain.offering import OfferingClosed, OfferingOpened, SubscriptionPaid
from park_industrial_co.domain.project import InfrastructureCompleted, ProjectMilestoneReached, ProjectPlanned
from park_industrial_co.events import registry

__all__ = ["PUBLIC_EVENTS", "declare_public_events", "public_types"]

PUBLIC_EVENTS = (
    OfferingOpened,
    SubscriptionPaid,
    OfferingClosed,
    ProjectPlanned,
    ProjectMilestoneReached,
    InfrastructureCompleted,
)


def declare_public_events() -> None:
    registry.declare_public(*PUBLIC_EVENTS)


def public_types() -> frozenset[str]:
    return frozenset(registry.type_of(e) for e in PUBLIC_EVENTS)


# on import: whoever loads our events (the app, the contract gate) sees the same public set
declare_public_events()
