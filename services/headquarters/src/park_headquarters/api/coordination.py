"""/coordination-matters: parties, agenda, meetings, resolutions, closing (协商)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from park_shared.auth import Principal
from park_shared.web.app import ReadModelsDep, RuntimeDep
from pydantic import BaseModel, ConfigDict, Field

from park_headquarters.api.deps import AnyHq, CommandsDep, Official, context_of, fresh, one
from park_headquarters.application.commands import Commands
from park_headquarters.domain import coordination
from park_headquarters.domain.coordination import Party
from park_headquarters.domain.values import Text

__all__ = ["router"]

router = APIRouter(prefix="/coordination-matters", tags=["coordination"])
Status = Literal["open", "closed"]


class MatterCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text
    parties: Annotated[list[Party], Field(min_length=1)]
    agenda: Annotated[list[Text], Field(min_length=1)]


class MeetingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    held_on: date
    attendees: Annotated[list[Text], Field(min_length=1, description="names of parties")]
    minutes: Text


class ResolutionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    meeting_id: str
    text: Text
    responsible_party: str | None = None
    due_on: date | None = None


class MatterClose(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Text


class Meeting(MeetingCreate):
    meeting_id: str


class Resolution(ResolutionCreate):
    resolution_id: str


class MatterPublic(MatterCreate):
    model_config = ConfigDict(extra="ignore")

    matter_id: str
    opened_on: date
    status: Status
    meetings: list[Meeting]
    resolutions: list[Resolution]
    outcome: str | None
    closed_on: date | None


async def _run(
    runtime: RuntimeDep,
    commands: Commands,
    who: Principal,
    matter_id: str,
    command: coordination.CoordinationCommand,
) -> dict[str, Any]:
    stream = coordination.stream_id(matter_id)
    await commands.coordination.handle(stream, command, context=context_of(who))
    return await one(await fresh(runtime), "coordination_matters", matter_id, "coordination matter")


@router.post("", response_model=MatterPublic, status_code=201, summary="Open a matter")
async def open_matter(
    body: MatterCreate, who: Official, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    matter_id = f"coo-{uuid.uuid4().hex[:12]}"
    command = coordination.OpenMatter(matter_id=matter_id, opened_on=runtime.today(), **body.model_dump())
    return await _run(runtime, commands, who, matter_id, command)


@router.get("", response_model=list[MatterPublic], summary="Coordination matters")
async def list_matters(
    _: AnyHq, read_models: ReadModelsDep, status: Annotated[Status | None, Query()] = None
) -> list[dict[str, Any]]:
    return await read_models.find("coordination_matters", {"status": status} if status else None)


@router.get("/{matter_id}", response_model=MatterPublic, summary="One matter")
async def get_matter(matter_id: str, _: AnyHq, read_models: ReadModelsDep) -> dict[str, Any]:
    return await one(read_models, "coordination_matters", matter_id, "coordination matter")


@router.post(
    "/{matter_id}/meetings", response_model=MatterPublic, status_code=201, summary="Record a meeting"
)
async def hold_meeting(
    matter_id: str, body: MeetingCreate, who: Official, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    command = coordination.HoldMeeting(meeting_id=f"mtg-{uuid.uuid4().hex[:8]}", **body.model_dump())
    return await _run(runtime, commands, who, matter_id, command)


@router.post("/{matter_id}/resolutions", response_model=MatterPublic, status_code=201)
async def adopt_resolution(
    matter_id: str, body: ResolutionCreate, who: Official, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    """Records a resolution adopted at one of the matter's meetings."""
    resolution_id = f"res-{uuid.uuid4().hex[:8]}"
    command = coordination.AdoptResolution(resolution_id=resolution_id, **body.model_dump())
    return await _run(runtime, commands, who, matter_id, command)


@router.post("/{matter_id}/close", response_model=MatterPublic, summary="Close the matter")
async def close_matter(
    matter_id: str, body: MatterClose, who: Official, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    command = coordination.CloseMatter(outcome=body.outcome, closed_on=runtime.today())
    return await _run(runtime, commands, who, matter_id, command)
