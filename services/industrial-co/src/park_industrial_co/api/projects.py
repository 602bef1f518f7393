"""/infrastructure-projects: projects (基础设施工程) for HQ's parcels, milestones, completion."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends
from park_shared.web.app import ReadModelsDep, RuntimeDep
from pydantic import BaseModel, Field

from park_industrial_co.api.deps import Manager, Staff, doc_or_404, project_id_or_404
from park_industrial_co.api.types import PositiveMoney
from park_industrial_co.application import projects
from park_industrial_co.application.handlers import execute
from park_industrial_co.domain import project
from park_industrial_co.domain.project import ProjectKind
from park_industrial_co.projections.projects import PROJECTS

__all__ = ["ProjectId", "ProjectPublic", "router"]

router = APIRouter(prefix="/infrastructure-projects", tags=["infrastructure projects"])

ProjectId = Annotated[str, Depends(project_id_or_404)]


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


async def project_doc(runtime: RuntimeDep, project_id: str) -> ProjectPublic:
    doc = await doc_or_404(runtime.read_models, PROJECTS, project_id, "infrastructure project")
    return ProjectPublic.model_validate(doc)


@router.post("", status_code=201, summary="Plan a project for registered parcels (ic.manager)")
async def plan(body: ProjectCreate, runtime: RuntimeDep, who: Manager) -> ProjectPublic:
    project_id = await projects.plan(runtime, who, body.name, body.kind, tuple(body.parcel_ids), body.budget)
    return await project_doc(runtime, project_id)


@router.get("", summary="All infrastructure projects")
async def list_projects(read_models: ReadModelsDep, _: Staff) -> list[ProjectPublic]:
    return [ProjectPublic.model_validate(d) for d in await read_models.find(PROJECTS)]


@router.get("/{project_id}", summary="One project")
async def get_project(
    project_id: ProjectId, runtime: RuntimeDep, _: Staff, fresh: ReadModelsDep
) -> ProjectPublic:
    return await project_doc(runtime, project_id)


@router.post("/{project_id}/milestones", status_code=201, summary="A milestone reached (ic.manager)")
async def reach_milestone(
    project_id: ProjectId, body: MilestoneCreate, runtime: RuntimeDep, who: Manager
) -> ProjectPublic:
    command = project.ReachMilestone(body.milestone, body.progress_percent, on=runtime.today())
    await execute(runtime, who, project.decider, project_id, command)
    return await project_doc(runtime, project_id)


@router.post("/{project_id}/completion", summary="Complete: the parcels are serviced (ic.manager)")
async def complete(project_id: ProjectId, runtime: RuntimeDep, who: Manager) -> ProjectPublic:
    await execute(runtime, who, project.decider, project_id, project.CompleteProject(on=runtime.today()))
    return await project_doc(runtime, project_id)
