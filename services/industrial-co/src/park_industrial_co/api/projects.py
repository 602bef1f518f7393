"""/infrastructure-projects: projects (基础设施工程) for HQ's parcels, milestones, completion."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter
from park_shared.auth import Principal
from pydantic import BaseModel, Field

from park_industrial_co.api.deps import IndustrialCoDep, Manager, ProjectId, Staff
from park_industrial_co.api.types import PositiveMoney
from park_industrial_co.application import projects
from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.domain import project
from park_industrial_co.domain.project import ProjectKind
from park_industrial_co.projections.projects import PROJECTS

__all__ = ["ProjectPublic", "router", "run_on_project"]

router = APIRouter(prefix="/infrastructure-projects", tags=["infrastructure projects"])


class ProjectCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    kind: ProjectKind
    parcel_ids: list[str] = Field(min_length=1, description="parcels headquarters has registered")
    budget: PositiveMoney


class MilestoneCreate(BaseModel):
    milestone: str = Field(min_length=1, max_length=200)
    progress_percent: int = Field(ge=1, le=100)


class MilestonePublic(BaseModel):
    milestone: str
    progress_percent: int
    on: date
    paid_amount: Decimal | None


class ContractPublic(BaseModel):
    bid_id: str
    contractor: str
    contract_amount: Decimal
    duration_days: int
    suggested_bid_id: str
    reason: str | None
    awarded_on: date


class TenderTerms(BaseModel):
    bids_until: date
    max_duration_days: int | None
    opened_on: date


class ProjectPublic(BaseModel):
    project_id: str
    name: str
    kind: ProjectKind
    parcel_ids: list[str]
    budget: Decimal
    status: str
    planned_on: date
    tender: TenderTerms | None
    contract: ContractPublic | None
    milestones: list[MilestonePublic]
    progress_percent: int
    allocated_amount: Decimal
    paid_amount: Decimal
    completed_on: date | None


async def run_on_project(
    ic: IndustrialCo, project_id: str, command: project.ProjectCommand, who: Principal
) -> ProjectPublic:
    """Runs the command on the project; the answer is the project as the command left it."""
    doc = await ic.run_then_read(ic.projects, project_id, command, who.context(), collection=PROJECTS)
    return ProjectPublic.model_validate(doc)


@router.post("", status_code=201, summary="Plan a project for registered parcels (ic.manager)")
async def plan(body: ProjectCreate, ic: IndustrialCoDep, who: Manager) -> ProjectPublic:
    parcel_ids = tuple(body.parcel_ids)
    project_id = await projects.plan(ic, who.context(), body.name, body.kind, parcel_ids, body.budget)
    return ProjectPublic.model_validate(await ic.project_doc(project_id))


@router.get("", summary="All infrastructure projects")
async def list_projects(ic: IndustrialCoDep, _: Staff) -> list[ProjectPublic]:
    return [ProjectPublic.model_validate(d) for d in await (await ic.read_models()).find(PROJECTS)]


@router.get("/{project_id}", summary="One project")
async def get_project(project_id: ProjectId, ic: IndustrialCoDep, _: Staff) -> ProjectPublic:
    return ProjectPublic.model_validate(await ic.project_doc(project_id))


@router.post("/{project_id}/milestones", status_code=201, summary="A milestone reached (ic.manager)")
async def reach_milestone(
    project_id: ProjectId, body: MilestoneCreate, ic: IndustrialCoDep, who: Manager
) -> ProjectPublic:
    command = project.ReachMilestone(
        milestone=body.milestone, progress_percent=body.progress_percent, on=ic.today()
    )
    return await run_on_project(ic, project_id, command, who)


@router.post("/{project_id}/completion", summary="Complete: the parcels are serviced (ic.manager)")
async def complete(project_id: ProjectId, ic: IndustrialCoDep, who: Manager) -> ProjectPublic:
    return await run_on_project(ic, project_id, project.CompleteProject(on=ic.today()), who)
