"""The commands on a service case. Time (`on`) and the working-day calendar come in on the
command, so that deciding stays pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from park_shared.working_days import WorkingCalendar

from park_service_center.domain.policy_terms import CatalogueStep

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


@dataclass(frozen=True, kw_only=True)
class CatalogueInForce:
    policy_id: str
    version: int
    steps: tuple[CatalogueStep, ...]


@dataclass(frozen=True, kw_only=True)
class OpenCase:
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
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)


@dataclass(frozen=True, kw_only=True)
class StepCommand:
    step_code: str
    on: date
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)


@dataclass(frozen=True, kw_only=True)
class SubmitStep(StepCommand):
    documents: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class AcceptStep(StepCommand):
    pass


@dataclass(frozen=True, kw_only=True)
class ApproveStep(StepCommand):
    pass


@dataclass(frozen=True, kw_only=True)
class ReturnStep(StepCommand):
    reason: str
    missing_documents: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RejectStep(StepCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class ReopenStep(StepCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class FlagOverdue:
    step_code: str
    today: date


@dataclass(frozen=True, kw_only=True)
class RecordApprovalDecision:
    """HQ's ProjectApproved (approved=True) or ProjectRejected, matched by case id."""

    approved: bool
    approval_id: str
    on: date
    allocated_parcel_id: str | None = None
    reason: str | None = None
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)


@dataclass(frozen=True, kw_only=True)
class SealCase:
    on: date


@dataclass(frozen=True, kw_only=True)
class CommissionEnterprise:
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
