"""/planning-applications: applications and violation cases under graded authority."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from park_shared.auth import Principal
from park_shared.errors import Invalid
from park_shared.web.app import ReadModelsDep, RuntimeDep
from pydantic import BaseModel, ConfigDict, Field

from park_headquarters.api.deps import (
    AnyHq,
    CommandsDep,
    Head,
    OfficialOrPlanner,
    Planner,
    PlannerOrHead,
    SettingsDep,
    context_of,
    fresh,
    one,
)
from park_headquarters.application.authority import authority_of
from park_headquarters.application.commands import Commands
from park_headquarters.domain import parcel, planning
from park_headquarters.domain.planning_messages import (
    AppealDecision,
    CaseKind,
    DecideAppeal,
    DecideCase,
    EscalateCase,
    FilePlanningCase,
    Outcome,
    PlanningCommand,
)
from park_headquarters.domain.values import PlannedUse, Text

__all__ = ["router"]

router = APIRouter(prefix="/planning-applications", tags=["planning"])
Status = Literal["filed", "escalated", "decided", "appealed", "final"]


class PlanningCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: CaseKind = "application"
    parcel_id: str
    applicant: Text
    use: PlannedUse
    floor_area_m2: Annotated[int, Field(ge=0, strict=True)]
    height_m: Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=2)]
    description: Text


class Escalation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Text


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Outcome = Field(description="application: approved/refused; violation: sanctioned/dismissed")
    reasons: str = Field("", max_length=2000)


class Appeal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    grounds: Text


class AppealRuling(BaseModel):
    model_config = ConfigDict(extra="forbid")

    appeal_outcome: Literal["upheld", "overturned"]
    reasons: Text


class PlanningPublic(PlanningCreate):
    model_config = ConfigDict(extra="ignore")

    application_id: str
    filed_on: date
    status: Status
    outcome: Outcome | None
    reasons: str | None
    decided_by: Literal["head", "planner"] | None
    planner_level: int | None
    decided_on: date | None
    escalation: dict[str, Any] | None
    appeal: dict[str, Any] | None


async def _run(
    runtime: RuntimeDep, commands: Commands, who: Principal, app_id: str, command: PlanningCommand
) -> dict[str, Any]:
    await commands.planning.handle(planning.stream_id(app_id), command, context=context_of(who))
    return await one(await fresh(runtime), "planning_cases", app_id, "planning case")


@router.post("", response_model=PlanningPublic, status_code=201, summary="File an application or violation")
async def file_case(
    body: PlanningCreate, who: OfficialOrPlanner, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    state, _ = await commands.parcels.load(parcel.stream_id(body.parcel_id))
    if state.status == "none":
        raise Invalid(f"there is no parcel {body.parcel_id!r}", field="parcel_id")
    app_id = f"pla-{uuid.uuid4().hex[:12]}"
    command = FilePlanningCase(application_id=app_id, filed_on=runtime.today(), **body.model_dump())
    return await _run(runtime, commands, who, app_id, command)


@router.get("", response_model=list[PlanningPublic], summary="Planning cases")
async def list_cases(
    _: AnyHq,
    read_models: ReadModelsDep,
    status: Annotated[Status | None, Query()] = None,
    kind: Annotated[CaseKind | None, Query()] = None,
) -> list[dict[str, Any]]:
    where = {k: v for k, v in {"status": status, "kind": kind}.items() if v is not None}
    return await read_models.find("planning_cases", where)


@router.get("/{application_id}", response_model=PlanningPublic, summary="One planning case")
async def get_case(application_id: str, _: AnyHq, read_models: ReadModelsDep) -> dict[str, Any]:
    return await one(read_models, "planning_cases", application_id, "planning case")


@router.post("/{application_id}/escalate", response_model=PlanningPublic, summary="Escalate to the head")
async def escalate(
    application_id: str, body: Escalation, who: Planner, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    command = EscalateCase(reason=body.reason, on=runtime.today())
    return await _run(runtime, commands, who, application_id, command)


@router.post("/{application_id}/decision", response_model=PlanningPublic, summary="Decide")
async def decide(
    application_id: str,
    body: Decision,
    who: PlannerOrHead,
    commands: CommandsDep,
    settings: SettingsDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    """A planner decides within their level's limits (else 403: escalate); the head decides all."""
    authority = authority_of(who, settings)
    command = DecideCase(**body.model_dump(), authority=authority, decided_on=runtime.today())
    return await _run(runtime, commands, who, application_id, command)


@router.post("/{application_id}/appeal", response_model=PlanningPublic, summary="Appeal once")
async def appeal(
    application_id: str, body: Appeal, who: OfficialOrPlanner, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    command = AppealDecision(grounds=body.grounds, on=runtime.today())
    return await _run(runtime, commands, who, application_id, command)


@router.post("/{application_id}/appeal-decision", response_model=PlanningPublic, summary="Rule on the appeal")
async def decide_appeal(
    application_id: str,
    body: AppealRuling,
    who: Head,
    commands: CommandsDep,
    settings: SettingsDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    authority = authority_of(who, settings)
    command = DecideAppeal(**body.model_dump(), authority=authority, decided_on=runtime.today())
    return await _run(runtime, commands, who, application_id, command)
