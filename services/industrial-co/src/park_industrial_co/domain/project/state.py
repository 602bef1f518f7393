"""The project's state, `evolve` (never raises) and the bid-suggestion rule."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from park_industrial_co.domain.money import ZERO
from park_industrial_co.domain.project import events

__all__ = ["Bid", "Contract", "ProjectState", "evolve", "initial_state", "non_compliance", "suggested_bid"]

ProjectStatus = Literal["none", "planned", "tendering", "awarded", "completed"]


class Bid(BaseModel):
    model_config = ConfigDict(frozen=True)

    bid_id: str
    contractor: str
    amount: Decimal
    duration_days: int
    submitted_at: datetime


class Contract(BaseModel):
    model_config = ConfigDict(frozen=True)

    bid_id: str
    contractor: str
    amount: Decimal
    duration_days: int


class ProjectState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: ProjectStatus = "none"
    project_id: str = ""
    kind: events.ProjectKind = "road"
    parcel_ids: tuple[str, ...] = ()
    budget: Decimal = ZERO
    bids_until: date | None = None
    max_duration_days: int | None = None
    bids: dict[str, Bid] = {}
    contract: Contract | None = None
    progress_percent: int = 0
    milestones: dict[str, int] = {}
    paid_milestones: frozenset[str] = frozenset()
    paid_total: Decimal = ZERO


initial_state = ProjectState()


def non_compliance(state: ProjectState, bid: Bid) -> str | None:
    """Why a bid does not meet the tender's terms, or None if it does."""
    if bid.amount > state.budget:
        return f"its amount {bid.amount} is above the budget {state.budget}"
    if state.max_duration_days is not None and bid.duration_days > state.max_duration_days:
        return f"its duration {bid.duration_days} days is above the limit {state.max_duration_days}"
    return None


def suggested_bid(state: ProjectState) -> Bid | None:
    """The lowest compliant bid: lowest amount, then shortest duration, earliest, lowest id."""
    compliant = [b for b in state.bids.values() if non_compliance(state, b) is None]
    return min(compliant, key=lambda b: (b.amount, b.duration_days, b.submitted_at, b.bid_id), default=None)


def evolve(state: ProjectState, event: events.ProjectEvent) -> ProjectState:
    match event:
        case events.ProjectPlanned():
            return ProjectState(
                status="planned",
                project_id=event.project_id,
                kind=event.kind,
                parcel_ids=event.parcel_ids,
                budget=event.budget,
            )
        case events.TenderOpened():
            terms = {"bids_until": event.bids_until, "max_duration_days": event.max_duration_days}
            return state.model_copy(update={"status": "tendering", **terms})
        case events.BidSubmitted():
            bid = Bid.model_validate(event, from_attributes=True)
            return state.model_copy(update={"bids": {**state.bids, bid.bid_id: bid}})
        case events.ContractAwarded():
            contract = Contract(
                bid_id=event.bid_id,
                contractor=event.contractor,
                amount=event.contract_amount,
                duration_days=event.duration_days,
            )
            return state.model_copy(update={"status": "awarded", "contract": contract})
        case events.ProjectMilestoneReached():
            milestones = {**state.milestones, event.milestone: event.progress_percent}
            return state.model_copy(
                update={"milestones": milestones, "progress_percent": event.progress_percent}
            )
        case events.ContractorPaid():
            paid = {"paid_milestones": state.paid_milestones | {event.milestone}}
            return state.model_copy(update={"paid_total": state.paid_total + event.amount, **paid})
        case events.InfrastructureCompleted():
            return state.model_copy(update={"status": "completed"})
    return state
