"""The infrastructure project (基础设施工程) aggregate: planned → tendering → awarded → completed."""

from __future__ import annotations

from park_shared.decider import Decider

from park_industrial_co.domain.project.commands import (
    AwardContract,
    CompleteProject,
    OpenTender,
    PayContractor,
    PlanProject,
    ProjectCommand,
    ReachMilestone,
    SubmitBid,
)
from park_industrial_co.domain.project.decide import decide
from park_industrial_co.domain.project.events import (
    BidSubmitted,
    ContractAwarded,
    ContractorPaid,
    InfrastructureCompleted,
    ProjectEvent,
    ProjectKind,
    ProjectMilestoneReached,
    ProjectPlanned,
    TenderOpened,
)
from park_industrial_co.domain.project.state import (
    Bid,
    Contract,
    ProjectState,
    evolve,
    initial_state,
    non_compliance,
    suggested_bid,
)

__all__ = [
    "AwardContract",
    "Bid",
    "BidSubmitted",
    "CompleteProject",
    "Contract",
    "ContractAwarded",
    "ContractorPaid",
    "InfrastructureCompleted",
    "OpenTender",
    "PayContractor",
    "PlanProject",
    "ProjectCommand",
    "ProjectEvent",
    "ProjectKind",
    "ProjectMilestoneReached",
    "ProjectPlanned",
    "ProjectState",
    "ReachMilestone",
    "SubmitBid",
    "TenderOpened",
    "decider",
    "non_compliance",
    "suggested_bid",
]

decider: Decider[ProjectCommand, ProjectState, ProjectEvent] = Decider(initial_state, decide, evolve)
