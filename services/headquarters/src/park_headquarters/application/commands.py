"""One generic command handler per aggregate, over the runtime's store."""

from __future__ import annotations

from dataclasses import dataclass

from park_shared.handler import CommandHandler
from park_shared.runtime import Runtime

from park_headquarters.domain import (
    approval,
    coordination,
    offering,
    parcel,
    park,
    planning,
    planning_messages,
    policy,
    policy_messages,
    revocation,
    supervision,
)

__all__ = ["Commands"]


@dataclass(frozen=True)
class Commands:
    parks: CommandHandler[park.ParkCommand, park.ParkState, park.ParkEvent]
    parcels: CommandHandler[parcel.ParcelCommand, parcel.ParcelState, parcel.ParcelEvent]
    policies: CommandHandler[policy_messages.PolicyCommand, policy.PolicyState, policy_messages.PolicyEvent]
    approvals: CommandHandler[approval.ApprovalCommand, approval.ApprovalState, approval.ApprovalEvent]
    planning: CommandHandler[
        planning_messages.PlanningCommand, planning.PlanningState, planning_messages.PlanningEvent
    ]
    supervision: CommandHandler[
        supervision.SupervisionCommand, supervision.SupervisionState, supervision.SupervisionEvent
    ]
    coordination: CommandHandler[
        coordination.CoordinationCommand, coordination.CoordinationState, coordination.CoordinationEvent
    ]
    offerings: CommandHandler[
        offering.RecordOfferingClosed, offering.OfferingState, offering.OfferingClosureRecorded
    ]
    revocations: CommandHandler[revocation.RevokeToken, revocation.RevocationState, revocation.TokenRevoked]

    @classmethod
    def of(cls, runtime: Runtime) -> Commands:
        store, registry = runtime.store, runtime.registry
        return cls(
            parks=CommandHandler(store, registry, park.decider),
            parcels=CommandHandler(store, registry, parcel.decider),
            policies=CommandHandler(store, registry, policy.decider),
            approvals=CommandHandler(store, registry, approval.decider),
            planning=CommandHandler(store, registry, planning.decider),
            supervision=CommandHandler(store, registry, supervision.decider),
            coordination=CommandHandler(store, registry, coordination.decider),
            offerings=CommandHandler(store, registry, offering.decider),
            revocations=CommandHandler(store, registry, revocation.decider),
        )
