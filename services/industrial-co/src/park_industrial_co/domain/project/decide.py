"""The project's rules: plan, tender, bids, award, milestones, payments, completion. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from park_shared.errors import Conflict, Invalid, NotFound

from park_industrial_co.domain.project import commands, events
from park_industrial_co.domain.project.payments import pay
from park_industrial_co.domain.project.state import Bid, ProjectState, non_compliance, suggested_bid

__all__ = ["decide"]


def decide(command: commands.ProjectCommand, state: ProjectState) -> Sequence[events.ProjectEvent]:
    if isinstance(command, commands.PlanProject):
        return [_plan(command, state)]
    if state.status == "none":
        raise NotFound("there is no such infrastructure project")
    match command:
        case commands.OpenTender():
            return [_tender(command, state)]
        case commands.SubmitBid():
            return [_bid(command, state)]
        case commands.AwardContract():
            return [_award(command, state)]
        case commands.ReachMilestone():
            return [_milestone(command, state)]
        case commands.PayContractor():
            return [pay(command, state)]
        case commands.CompleteProject():
            return [_complete(command, state)]


def _text(value: str, field: str) -> str:
    if not value.strip():
        raise Invalid(f"{field} must not be blank", field=field)
    return value.strip()


def _plan(c: commands.PlanProject, state: ProjectState) -> events.ProjectPlanned:
    if state.status != "none":
        raise Conflict(f"project {state.project_id} exists already")
    if not c.parcel_ids:
        raise Invalid("name at least one parcel the project serves", field="parcel_ids")
    if len(set(c.parcel_ids)) != len(c.parcel_ids):
        raise Invalid("a parcel is named twice", field="parcel_ids")
    unknown = [p for p in c.parcel_ids if p not in c.known_parcel_ids]
    if unknown:
        raise Invalid(f"headquarters has not registered parcel(s) {', '.join(unknown)}", field="parcel_ids")
    if c.budget <= 0:
        raise Invalid("the budget must be above zero", field="budget")
    return events.ProjectPlanned(
        project_id=c.project_id,
        name=_text(c.name, "name"),
        kind=c.kind,
        parcel_ids=c.parcel_ids,
        budget=c.budget,
        planned_on=c.on,
    )


def _require(state: ProjectState, status: str, action: str) -> None:
    if state.status != status:
        raise Conflict(f"the project is {state.status}; {action} needs it {status}")


def _tender(c: commands.OpenTender, state: ProjectState) -> events.TenderOpened:
    _require(state, "planned", "opening a tender")
    if c.bids_until < c.on:
        raise Invalid("the bidding deadline is in the past", field="bids_until")
    if c.max_duration_days is not None and c.max_duration_days < 1:
        raise Invalid("the duration limit must be at least one day", field="max_duration_days")
    return events.TenderOpened(
        project_id=state.project_id,
        bids_until=c.bids_until,
        max_duration_days=c.max_duration_days,
        opened_on=c.on,
    )


def _bid(c: commands.SubmitBid, state: ProjectState) -> events.BidSubmitted:
    if c.amount <= 0:
        raise Invalid("a bid must be above zero", field="amount")
    if c.duration_days < 1:
        raise Invalid("a bid's duration must be at least one day", field="duration_days")
    _require(state, "tendering", "a bid")
    if state.bids_until is not None and c.on > state.bids_until:
        raise Conflict(f"bidding closed on {state.bids_until}")
    if c.bid_id in state.bids:
        raise Conflict(f"bid {c.bid_id} exists already")
    return events.BidSubmitted(
        project_id=state.project_id,
        bid_id=c.bid_id,
        contractor=_text(c.contractor, "contractor"),
        amount=c.amount,
        duration_days=c.duration_days,
        submitted_at=c.at,
    )


def _award(c: commands.AwardContract, state: ProjectState) -> events.ContractAwarded:
    if state.contract is not None:
        raise Conflict(f"the contract was awarded already, to bid {state.contract.bid_id}")
    _require(state, "tendering", "an award")
    if state.bids_until is not None and c.on <= state.bids_until:
        raise Conflict(f"bidding runs until {state.bids_until}; award after that day")
    bid = state.bids.get(c.bid_id)
    if bid is None:
        raise NotFound(f"the project has no bid {c.bid_id}", field="bid_id")
    why = non_compliance(state, bid)
    if why is not None:
        raise Conflict(f"bid {bid.bid_id} is not compliant: {why}")
    suggested, reason = _justified(state, bid, c.reason)
    return events.ContractAwarded(
        project_id=state.project_id,
        bid_id=bid.bid_id,
        contractor=bid.contractor,
        contract_amount=bid.amount,
        duration_days=bid.duration_days,
        suggested_bid_id=suggested.bid_id,
        reason=reason,
        awarded_on=c.on,
    )


def _justified(state: ProjectState, bid: Bid, reason: str | None) -> tuple[Bid, str | None]:
    """The suggested (lowest compliant) bid, and the reason needed to choose another."""
    suggested = suggested_bid(state)
    assert suggested is not None  # the chosen bid is compliant, so there is a lowest one
    why = (reason or "").strip() or None
    if bid.bid_id != suggested.bid_id and why is None:
        raise Invalid(
            f"bid {suggested.bid_id} is the lowest compliant bid; awarding another needs a reason",
            field="reason",
        )
    return suggested, why


def _milestone(c: commands.ReachMilestone, state: ProjectState) -> events.ProjectMilestoneReached:
    name = _text(c.milestone, "milestone")
    if not 1 <= c.progress_percent <= 100:
        raise Invalid("progress is a percentage from 1 to 100", field="progress_percent")
    _require(state, "awarded", "a milestone")
    if name in state.milestones:
        raise Conflict(f"milestone {name!r} was reached already")
    if c.progress_percent <= state.progress_percent:
        raise Conflict(f"progress is at {state.progress_percent}% already; a milestone must go beyond it")
    return events.ProjectMilestoneReached(
        project_id=state.project_id, milestone=name, progress_percent=c.progress_percent, on=c.on
    )


def _complete(c: commands.CompleteProject, state: ProjectState) -> events.InfrastructureCompleted:
    if state.status == "completed":
        raise Conflict("the project is completed already")
    _require(state, "awarded", "completion")
    if state.progress_percent < 100:
        raise Conflict(f"progress is at {state.progress_percent}%; completion needs a milestone at 100%")
    return events.InfrastructureCompleted(
        project_id=state.project_id, kind=state.kind, parcel_ids=list(state.parcel_ids), completed_on=c.on
    )
