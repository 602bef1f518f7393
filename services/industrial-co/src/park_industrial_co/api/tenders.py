"""/infrastructure-projects/{id}/tender, /bids, /award: the tender (招标) and its award."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from fastapi import APIRouter
from park_shared.web.dates import Day
from pydantic import BaseModel, Field

from park_industrial_co.api.deps import IndustrialCoDep, Manager, ProjectId, Staff
from park_industrial_co.api.projects import ProjectPublic, run_on_project
from park_industrial_co.api.types import PositiveMoney
from park_industrial_co.domain import project

__all__ = ["router"]

router = APIRouter(prefix="/infrastructure-projects/{project_id}", tags=["tenders"])


class TenderCreate(BaseModel):
    bids_until: Day = Field(description="the last day bids are accepted; the award comes after it")
    max_duration_days: int | None = Field(None, ge=1, description="a longer bid is not compliant")


class BidCreate(BaseModel):
    contractor: str = Field(min_length=1, max_length=200)
    amount: PositiveMoney
    duration_days: int = Field(ge=1, le=3650)


class AwardCreate(BaseModel):
    bid_id: str
    reason: str | None = Field(None, max_length=1000, description="needed unless it is the suggested bid")


class BidPublic(BaseModel):
    bid_id: str
    contractor: str
    amount: Decimal
    duration_days: int
    submitted_at: datetime
    compliant: bool
    non_compliance: str | None


class TenderPublic(BaseModel):
    project_id: str
    status: str
    bids_until: date | None
    max_duration_days: int | None
    budget: Decimal
    bids: list[BidPublic]
    suggested_bid_id: str | None = Field(description="the lowest compliant bid")
    awarded_bid_id: str | None


@router.post("/tender", summary="Open the tender (ic.manager)")
async def open_tender(
    project_id: ProjectId, body: TenderCreate, ic: IndustrialCoDep, who: Manager
) -> ProjectPublic:
    command = project.OpenTender(
        bids_until=body.bids_until, max_duration_days=body.max_duration_days, on=ic.today()
    )
    return await run_on_project(ic, project_id, command, who)


@router.post("/bids", status_code=201, summary="Record a contractor's bid (ic.manager)")
async def submit_bid(project_id: ProjectId, body: BidCreate, ic: IndustrialCoDep, who: Manager) -> BidPublic:
    command = project.SubmitBid(
        bid_id=ic.new_id("bid"),
        contractor=body.contractor,
        amount=body.amount,
        duration_days=body.duration_days,
        on=ic.today(),
        at=ic.now(),
    )
    outcome = await ic.projects.handle(project_id, command, who.context())
    return _bid(outcome.state, outcome.state.bids[command.bid_id])


@router.get("/bids", summary="The tender: bids, compliance, the suggested bid")
async def tender(project_id: ProjectId, ic: IndustrialCoDep, _: Staff) -> TenderPublic:
    state = await ic.project_state(project_id)
    suggested = project.suggested_bid(state)
    bids = sorted(state.bids.values(), key=lambda b: b.submitted_at)
    return TenderPublic(
        project_id=project_id,
        status=state.status,
        bids_until=state.bids_until,
        max_duration_days=state.max_duration_days,
        budget=state.budget,
        bids=[_bid(state, b) for b in bids],
        suggested_bid_id=suggested.bid_id if suggested else None,
        awarded_bid_id=state.contract.bid_id if state.contract else None,
    )


@router.post("/award", summary="Award the contract to one bid (ic.manager)")
async def award(project_id: ProjectId, body: AwardCreate, ic: IndustrialCoDep, who: Manager) -> ProjectPublic:
    command = project.AwardContract(bid_id=body.bid_id, reason=body.reason, on=ic.today())
    return await run_on_project(ic, project_id, command, who)


def _bid(state: project.ProjectState, bid: project.Bid) -> BidPublic:
    why = project.non_compliance(state, bid)
    return BidPublic(
        bid_id=bid.bid_id,
        contractor=bid.contractor,
        amount=bid.amount,
        duration_days=bid.duration_days,
        submitted_at=bid.submitted_at,
        compliant=why is None,
        non_compliance=why,
    )
