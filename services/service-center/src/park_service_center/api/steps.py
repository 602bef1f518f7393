"""/cases/{case_id}/steps/{step_code}/...: the step lifecycle, in catalogue order. Every
action is the same route: its request model (if any), the role it needs, and the command it
makes of the step, today and HQ's calendar today."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter
from park_shared.auth import Principal
from park_shared.working_days import WorkingCalendar
from pydantic import BaseModel, Field

from park_service_center.api.deps import CenterDep, ExpectedVersion, Head, Officer
from park_service_center.api.schemas import CaseDetail
from park_service_center.application.context import ServiceCenter
from park_service_center.domain.case_commands import (
    AcceptStep,
    ApproveStep,
    CaseCommand,
    RejectStep,
    ReopenStep,
    ReturnStep,
    SubmitStep,
)
from park_service_center.domain.regulation import Citation

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


class StepRejection(StepDecisionReason):
    citation: Citation | None = Field(
        None,
        description="The article of HQ's regulation in force today that the refusal rests on "
        "(required for environmental_assessment: a construction_environmental_protection regulation)",
    )


B = TypeVar("B")
MakeCommand = Callable[[B, str, date, WorkingCalendar], CaseCommand]
"""(request body, step code, today, HQ's calendar today) -> the command on the case."""
Prepare = Callable[[CaseCommand, ServiceCenter], Awaitable[CaseCommand]]
"""Completes the command with what the read models say (a refusal's citation checked)."""

_PARAMETER = inspect.Parameter.POSITIONAL_OR_KEYWORD


def _step_action(
    action: str, summary: str, body: type[B] | None, make: MakeCommand[B], *, role: Any = Officer,
    name: str | None = None, prepare: Prepare | None = None,
) -> None:  # fmt: skip
    """Routes POST .../{action}: `make` turns the body (None when the action takes none) into
    the command, which runs on the case; the answer is the case as the command left it."""

    async def endpoint(
        case_id: str, step_code: str, center: ServiceCenter, who: Principal, version: int | None,
        body: Any = None,
    ) -> CaseDetail:  # fmt: skip
        command = make(body, step_code, center.today(), await center.calendar())
        if prepare is not None:
            command = await prepare(command, center)
        outcome = await center.cases.handle(case_id, command, who.context(), expected_version=version)
        return CaseDetail.after(outcome)

    parameters = [
        inspect.Parameter("case_id", _PARAMETER, annotation=str),
        inspect.Parameter("step_code", _PARAMETER, annotation=str),
        *([] if body is None else [inspect.Parameter("body", _PARAMETER, annotation=body)]),
        inspect.Parameter("center", _PARAMETER, annotation=CenterDep),
        inspect.Parameter("who", _PARAMETER, annotation=role),
        inspect.Parameter("version", _PARAMETER, annotation=ExpectedVersion, default=None),
    ]
    endpoint.__signature__ = inspect.Signature(parameters, return_annotation=CaseDetail)  # type: ignore[attr-defined]
    router.post(f"/{action}", summary=summary, name=name or action)(endpoint)


_step_action(
    "submit", "Hand in the step's documents (or resubmit a returned step)", StepSubmission,
    lambda body, code, on, calendar: SubmitStep(
        step_code=code, on=on, calendar=calendar, documents=tuple(body.documents)
    ),
)  # fmt: skip
_step_action(
    "accept", "Accept a complete submission; the promised clock starts", None,
    lambda _, code, on, calendar: AcceptStep(step_code=code, on=on, calendar=calendar),
)  # fmt: skip
_step_action(
    "approve", "Approve the step; the next one becomes current", None,
    lambda _, code, on, calendar: ApproveStep(step_code=code, on=on, calendar=calendar),
)  # fmt: skip
_step_action(
    "return", "Return for missing documents; the clock pauses", StepReturn,
    lambda body, code, on, calendar: ReturnStep(
        step_code=code, on=on, calendar=calendar, reason=body.reason,
        missing_documents=tuple(body.missing_documents),
    ),
    name="return_step",
)  # fmt: skip


async def _cite(command: CaseCommand, center: ServiceCenter) -> CaseCommand:
    assert isinstance(command, RejectStep)
    cited = await center.cited(command.citation, command.step_code, command.on)
    return command.model_copy(update={"citation": cited})


_step_action(
    "reject", "Reject the step, citing the regulation's article it rests on; the case stops", StepRejection,
    lambda body, code, on, calendar: RejectStep(
        step_code=code, on=on, calendar=calendar, reason=body.reason, citation=body.citation
    ),
    prepare=_cite,
)  # fmt: skip
_step_action(
    "reopen", "Reopen a returned step (head); the clock resumes if it had started", StepDecisionReason,
    lambda body, code, on, calendar: ReopenStep(step_code=code, on=on, calendar=calendar, reason=body.reason),
    role=Head,
)  # fmt: skip
