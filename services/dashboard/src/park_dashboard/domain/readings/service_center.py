"""The dashboard's reading of service-center's events (服务中心)."""

from __future__ import annotations

from datetime import date

from park_shared.events import ForeignEvent

from park_dashboard.domain.readings.base import reads


@reads("service-center", "CaseOpened")
class CaseOpened(ForeignEvent):
    case_id: str
    enterprise_name: str
    park_id: str
    green_channel: bool
    opened_on: date


@reads("service-center", "ApprovalRequested")
class ApprovalRequested(ForeignEvent):
    case_id: str
    enterprise_name: str
    park_id: str
    requested_on: date
    working_days: int
    deadline: date | None = None
    deadline_provisional: bool = False


@reads("service-center", "StepAccepted")
class StepAccepted(ForeignEvent):
    case_id: str
    step_code: str
    on: date
    deadline: date
    deadline_provisional: bool = False


@reads("service-center", "StepApproved")
class StepApproved(ForeignEvent):
    case_id: str
    step_code: str
    on: date


@reads("service-center", "StepReturned")
class StepReturned(ForeignEvent):
    case_id: str
    step_code: str
    on: date


@reads("service-center", "StepRejected")
class StepRejected(ForeignEvent):
    case_id: str
    step_code: str
    on: date


@reads("service-center", "StepOverdue")
class StepOverdue(ForeignEvent):
    case_id: str
    step_code: str
    step_name: str
    deadline: date
    enterprise_name: str


@reads("service-center", "CaseSealed")
class CaseSealed(ForeignEvent):
    case_id: str
    sealed_on: date


@reads("service-center", "EnterpriseCommissioned")
class EnterpriseCommissioned(ForeignEvent):
    case_id: str
    commissioned_on: date
