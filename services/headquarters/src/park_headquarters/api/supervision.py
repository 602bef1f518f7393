"""/supervision-cases: overdue steps (opened automatically) and complaints; counts by unit/step."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from park_shared.auth import Principal
from park_shared.web.app import ReadModelsDep, RuntimeDep
from pydantic import BaseModel, ConfigDict

from park_headquarters.api.deps import AnyHq, CommandsDep, Official, context_of, fresh, one
from park_headquarters.application.commands import Commands
from park_headquarters.domain import supervision
from park_headquarters.domain.values import Text, Unit

__all__ = ["router"]

router = APIRouter(prefix="/supervision-cases", tags=["supervision"])
Status = Literal["open", "assigned", "closed"]
Cause = Literal["overdue", "complaint"]


class ComplaintCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit: Unit
    case_id: str | None = None
    step_code: str | None = None
    description: Text


class Assignment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    assignee: Text


class Closing(BaseModel):
    model_config = ConfigDict(extra="forbid")

    findings: Text


class SupervisionPublic(BaseModel):
    supervision_id: str
    cause: Cause
    unit: Unit
    case_id: str | None
    step_code: str | None
    step_name: str | None
    deadline: date | None
    enterprise_name: str | None
    description: str | None
    opened_on: date
    status: Status
    assignee: str | None
    assigned_on: date | None
    findings: str | None
    closed_on: date | None


class Tally(BaseModel):
    open: int = 0
    closed: int = 0
    total: int = 0


class SupervisionCounts(BaseModel):
    by_unit: dict[str, Tally]
    by_step: dict[str, Tally]


async def _run(
    runtime: RuntimeDep, commands: Commands, who: Principal, sid: str, command: supervision.SupervisionCommand
) -> dict[str, Any]:
    await commands.supervision.handle(supervision.stream_id(sid), command, context=context_of(who))
    return await one(await fresh(runtime), "supervision_cases", sid, "supervision case")


@router.post("", response_model=SupervisionPublic, status_code=201, summary="File a complaint")
async def file_complaint(
    body: ComplaintCreate, who: Official, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    sid = f"sup-{uuid.uuid4().hex[:12]}"
    command = supervision.FileComplaint(supervision_id=sid, opened_on=runtime.today(), **body.model_dump())
    return await _run(runtime, commands, who, sid, command)


@router.get("", response_model=list[SupervisionPublic], summary="Supervision cases")
async def list_cases(
    _: AnyHq,
    read_models: ReadModelsDep,
    status: Annotated[Status | None, Query()] = None,
    cause: Annotated[Cause | None, Query()] = None,
    unit: Annotated[Unit | None, Query()] = None,
) -> list[dict[str, Any]]:
    filters = {"status": status, "cause": cause, "unit": unit}
    return await read_models.find("supervision_cases", {k: v for k, v in filters.items() if v})


def _tally(docs: list[dict[str, Any]], key: str) -> dict[str, Tally]:
    counts: dict[str, Counter[str]] = {}
    for doc in docs:
        if doc.get(key):
            state = "closed" if doc["status"] == "closed" else "open"
            counts.setdefault(doc[key], Counter())[state] += 1
    return {
        k: Tally(open=c["open"], closed=c["closed"], total=c["open"] + c["closed"])
        for k, c in sorted(counts.items())
    }


@router.get("/counts", response_model=SupervisionCounts, summary="Counts by unit and by step")
async def counts(_: AnyHq, read_models: ReadModelsDep) -> SupervisionCounts:
    docs = await read_models.find("supervision_cases")
    return SupervisionCounts(by_unit=_tally(docs, "unit"), by_step=_tally(docs, "step_code"))


@router.get("/{supervision_id}", response_model=SupervisionPublic, summary="One case")
async def get_case(supervision_id: str, _: AnyHq, read_models: ReadModelsDep) -> dict[str, Any]:
    return await one(read_models, "supervision_cases", supervision_id, "supervision case")


@router.post("/{supervision_id}/assign", response_model=SupervisionPublic, summary="Assign")
async def assign(
    supervision_id: str, body: Assignment, who: Official, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    command = supervision.AssignSupervisionCase(assignee=body.assignee, assigned_on=runtime.today())
    return await _run(runtime, commands, who, supervision_id, command)


@router.post("/{supervision_id}/close", response_model=SupervisionPublic, summary="Close with findings")
async def close(
    supervision_id: str, body: Closing, who: Official, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    command = supervision.CloseSupervisionCase(findings=body.findings, closed_on=runtime.today())
    return await _run(runtime, commands, who, supervision_id, command)
