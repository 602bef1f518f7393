"""The commands on a service case. Time (`on`) and the working-day calendar come in on the
command, so that deciding stays pure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from park_shared.command import Command
from park_shared.working_days import WorkingCalendar
from pydantic import BaseModel, ConfigDict, Field

from park_service_center.domain.policy_terms import CatalogueStep
from park_service_center.domain.regulation import Citation

__all__ = [
    "AcceptStep",
    "ApproveStep",
    "CaseCommand",
    "CatalogueInForce",
    "CommissionEnterprise",
    "FlagOverdue",
    "OpenCase",
    "RecordApprovalDecision",
    "RejectStep",
    "ReopenStep",
    "ReturnStep",
    "SealCase",
    "StepCommand",
    "SubmitStep",
]


class CatalogueInForce(BaseModel):
    """HQ's procedure catalogue in force on the day a case opens: the steps it gets."""

    model_config = ConfigDict(frozen=True)

    policy_id: str
    version: int
    steps: tuple[CatalogueStep, ...]


class _OnCalendar(Command):
    """A command that counts working days: HQ's calendar in force comes in on it."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    calendar: WorkingCalendar = Field(default_factory=WorkingCalendar)


class OpenCase(_OnCalendar):
    """Opens a walk-in's case, or a signed lead's (`lead_id`): with the catalogue in force on
    `opened_on`, or, for a lead while none is, as a case that waits for one."""

    case_id: str
    lead_id: str | None
    enterprise_name: str
    credit_code: str
    project: str
    planned_investment: Decimal
    park_id: str
    industry: str
    green_channel: bool
    green_channel_reason: str | None
    requested_parcel_id: str | None
    opened_on: date
    catalogue: CatalogueInForce | None


class StepCommand(_OnCalendar):
    step_code: str
    on: date


class SubmitStep(StepCommand):
    documents: tuple[str, ...]


class AcceptStep(StepCommand):
    pass


class ApproveStep(StepCommand):
    pass


class ReturnStep(StepCommand):
    reason: str
    missing_documents: tuple[str, ...] = ()


class RejectStep(StepCommand):
    reason: str
    citation: Citation | None = None
    """The regulation's article the refusal rests on, checked against HQ's regulations in force
    on the day (an environmental-assessment refusal needs one)."""


class ReopenStep(StepCommand):
    reason: str


class FlagOverdue(Command):
    step_code: str
    on: date
    """The day the scan sees the deadline passed."""


class RecordApprovalDecision(_OnCalendar):
    """HQ's ProjectApproved (approved=True) or ProjectRejected, matched by case id."""

    approved: bool
    approval_id: str
    on: date
    allocated_parcel_id: str | None = None
    reason: str | None = None


class SealCase(Command):
    on: date


class CommissionEnterprise(Command):
    on: date


CaseCommand = (
    OpenCase
    | SubmitStep
    | AcceptStep
    | ApproveStep
    | ReturnStep
    | RejectStep
    | ReopenStep
    | FlagOverdue
    | RecordApprovalDecision
    | SealCase
    | CommissionEnterprise
)
