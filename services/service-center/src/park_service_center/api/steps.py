"""/cases/{case_id}/steps/{step_code}/...: the step lifecycle, in catalogue order."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from park_shared.auth import Principal
from pydantic import BaseModel, Field

from park_service_center.api.deps import CenterDep, ExpectedVersion, Head, Officer, context_of
from park_service_center.api.schemas import CaseDetail
from park_service_center.application.cases import act
from park_service_center.application.center import ServiceCenter
from park_service_center.domain.case_commands import (
    AcceptStep,
    ApproveStep,
    CaseCommand,
    RejectStep,
    ReopenStep,
    ReturnStep,
    SubmitStep,
)

__all__ = ["router"]

router = APIRouter(prefix="/cases/{case_id}/steps/{step_code}", tags=["steps"])


DocumentName = Annotated[str, Field(min_length=1, max_length=300)]


class StepSubmission(BaseModel):
    documents: list[DocumentName] = Field(
        min_length=1, description="The documents handed in, by catalogue name"
    )


class StepReturn(BaseModel):
    reason: str = Field(min_length=1, max_length=1000)
    missing_documents: list[DocumentName] = []


class StepDecisionReason(BaseModel):
    reason: str = Field(min_length=1, max_length=1000)


async def _run(
    center: ServiceCenter, case_id: str, command: CaseCommand, who: Principal, version: int | None
) -> CaseDetail:
    outcome = await act(center, case_id, command, context_of(who), version)
    return CaseDetail.of(outcome.state, outcome.version)


@router.post("/submit", summary="Hand in the step's documents (or resubmit a returned step)")
async def submit(
    case_id: str, step_code: str, body: StepSubmission, center: CenterDep, who: Officer,
    version: ExpectedVersion = None,
) -> CaseDetail:  # fmt: skip
    command = SubmitStep(
        step_code=step_code, on=center.today(), calendar=await center.calendar(),
        documents=tuple(body.documents),
    )  # fmt: skip
    return await _run(center, case_id, command, who, version)


@router.post("/accept", summary="Accept a complete submission; the promised clock starts")
async def accept(
    case_id: str, step_code: str, center: CenterDep, who: Officer, version: ExpectedVersion = None
) -> CaseDetail:
    command = AcceptStep(step_code=step_code, on=center.today(), calendar=await center.calendar())
    return await _run(center, case_id, command, who, version)


@router.post("/approve", summary="Approve the step; the next one becomes current")
async def approve(
    case_id: str, step_code: str, center: CenterDep, who: Officer, version: ExpectedVersion = None
) -> CaseDetail:
    command = ApproveStep(step_code=step_code, on=center.today(), calendar=await center.calendar())
    return await _run(center, case_id, command, who, version)


@router.post("/return", summary="Return for missing documents; the clock pauses")
async def return_step(
    case_id: str, step_code: str, body: StepReturn, center: CenterDep, who: Officer,
    version: ExpectedVersion = None,
) -> CaseDetail:  # fmt: skip
    command = ReturnStep(
        step_code=step_code, on=center.today(), calendar=await center.calendar(), reason=body.reason,
        missing_documents=tuple(body.missing_documents),
    )  # fmt: skip
    return await _run(center, case_id, command, who, version)


@router.post("/reject", summary="Reject the step; the case stops")
async def reject(
    case_id: str, step_code: str, body: StepDecisionReason, center: CenterDep, who: Officer,
    version: ExpectedVersion = None,
) -> CaseDetail:  # fmt: skip
    calendar = await center.calendar()
    command = RejectStep(step_code=step_code, on=center.today(), calendar=calendar, reason=body.reason)
    return await _run(center, case_id, command, who, version)


@router.post("/reopen", summary="Reopen a returned step (head); the clock resumes if it had started")
async def reopen(
    case_id: str, step_code: str, body: StepDecisionReason, center: CenterDep, who: Head,
    version: ExpectedVersion = None,
) -> CaseDetail:  # fmt: skip
    calendar = await center.calendar()
    command = ReopenStep(step_code=step_code, on=center.today(), calendar=calendar, reason=body.reason)
    return await _run(center, case_id, command, who, version)
