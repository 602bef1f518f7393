"""Response schemas shared by the case and step routers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from park_shared.handler import Outcome
from pydantic import BaseModel

from park_service_center.domain.case_state import Case, CaseStatus, Step, StepStatus

__all__ = ["CaseDetail", "CaseSummary", "StepView"]


class StepView(BaseModel):
    code: str
    name: str
    legal_basis: str
    decided_by: Literal["service-center", "headquarters"]
    required_documents: list[str]
    working_days: int
    status: StepStatus
    documents: list[str]
    missing_documents: list[str]
    accepted_on: date | None
    deadline: date | None
    deadline_provisional: bool
    """The deadline counts through a year whose calendar HQ has not published yet."""
    decided_on: date | None
    overdue: bool
    reason: str | None

    @classmethod
    def of(cls, step: Step) -> StepView:
        plan = step.plan
        return cls(
            code=plan.code, name=plan.name, legal_basis=plan.legal_basis, decided_by=plan.decided_by,
            required_documents=list(plan.required_documents), working_days=plan.working_days,
            status=step.status, documents=list(step.documents),
            missing_documents=list(step.missing_documents), accepted_on=step.accepted_on,
            deadline=step.deadline, deadline_provisional=step.deadline_provisional,
            decided_on=step.decided_on, overdue=step.overdue, reason=step.reason,
        )  # fmt: skip


class CaseSummary(BaseModel):
    case_id: str
    lead_id: str | None
    enterprise_name: str
    credit_code: str
    park_id: str
    industry: str
    green_channel: bool
    status: CaseStatus
    """`awaiting_catalogue`: a signed lead's case, waiting for HQ's procedure catalogue (no steps yet)."""
    received_on: date | None = None
    """When a signed lead's request came in while no catalogue was in force."""
    opened_on: date | None
    current_step: str | None
    version: int


class CaseDetail(CaseSummary):
    project: str
    planned_investment: Decimal
    green_channel_reason: str | None
    requested_parcel_id: str | None
    allocated_parcel_id: str | None
    sealed_on: date | None
    commissioned_on: date | None
    steps: list[StepView]

    @classmethod
    def of(cls, case: Case, version: int) -> CaseDetail:
        current = case.current
        return cls(
            case_id=case.case_id, lead_id=case.lead_id, enterprise_name=case.enterprise_name,
            credit_code=case.credit_code, park_id=case.park_id, industry=case.industry,
            green_channel=case.green_channel, status=case.status, received_on=case.received_on,
            opened_on=case.opened_on, current_step=None if current is None else current.code,
            version=version, project=case.project, planned_investment=case.planned_investment,
            green_channel_reason=case.green_channel_reason, requested_parcel_id=case.requested_parcel_id,
            allocated_parcel_id=case.allocated_parcel_id, sealed_on=case.sealed_on,
            commissioned_on=case.commissioned_on, steps=[StepView.of(s) for s in case.steps],
        )  # fmt: skip

    @classmethod
    def after(cls, outcome: Outcome[Case, Any]) -> CaseDetail:
        """The case as a command left it."""
        return cls.of(outcome.state, outcome.version)
