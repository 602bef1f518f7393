"""The integration events headquarters publishes (docs/events.md); every other event of
ours stays in our store (the outbox relay skips it)."""

from __future__ import annotations

from park_shared.events import EventRegistry

from park_headquarters.domain.approval import ProjectApproved, ProjectRejected
from park_headquarters.domain.parcel import ParcelAllocated, ParcelRegistered, ParcelReleased, ParcelServiced
from park_headquarters.domain.park import ParkRegistered
from park_headquarters.domain.policy_messages import PolicyPublished, PolicyRevoked, PolicySuperseded
from park_headquarters.domain.revocation import TokenRevoked
from park_headquarters.domain.supervision import SupervisionCaseClosed, SupervisionCaseOpened
from park_headquarters.events import registry as _registry

__all__ = ["PUBLISHED", "declare_contract"]

PUBLISHED = (
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


def declare_contract(registry: EventRegistry) -> None:
    registry.declare_public(*PUBLISHED)


# on import: whoever loads our events (the app, the contract gate) sees the same public set
declare_contract(_registry)
