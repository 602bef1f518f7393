"""The events of a service case (一站式办理案卷), stream = case id. The published ones and their
required fields are the contract in docs/events.md; fields with defaults are optional extras."""

from __future__ import annotations

from datetime import date
from typing import Literal

from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

from park_service_center.domain.money import Money
from park_service_center.domain.regulation import Citation

__all__ = [
    "ApprovalRequested",
    "CaseAwaitingCatalogue",
    "CaseEvent",
    "CaseOpened",
    "CaseSealed",
    "EnterpriseCommissioned",
    "StepAccepted",
    "StepApproved",
    "StepEvent",
    "StepOverdue",
    "StepPlan",
    "StepRejected",
    "StepReopened",
    "StepReturned",
    "StepSubmitted",
]


class StepPlan(BaseModel):
    """A step as instantiated from the catalogue for this case; `working_days` is the promise
    for this case (the green-channel limit for a green-channel case)."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    legal_basis: str = ""
    required_documents: tuple[str, ...] = ()
    working_days: int
    decided_by: Literal["service-center", "headquarters"] = "service-center"


class CaseOpened(Event):
    case_id: str
    lead_id: str | None
    enterprise_name: str
    credit_code: str
    project: str
    planned_investment: Money
    park_id: str
    industry: str
    green_channel: bool
    opened_on: date
    green_channel_reason: str | None = None
    requested_parcel_id: str | None = None
    catalogue_policy_id: str | None = None
    catalogue_version: int | None = None
    steps: tuple[StepPlan, ...] = ()


class CaseAwaitingCatalogue(Event):
    """Internal (never published): a signed lead's request, received on a day when no procedure
    catalogue was in force. The case opens (CaseOpened) once one is."""

    case_id: str
    lead_id: str
    enterprise_name: str
    credit_code: str
    project: str
    planned_investment: Money
    park_id: str
    industry: str
    green_channel: bool
    green_channel_reason: str | None = None
    requested_parcel_id: str | None = None
    received_on: date


class ApprovalRequested(Event):
    case_id: str
    step_code: str
    enterprise_name: str
    credit_code: str
    project: str
    planned_investment: Money
    park_id: str
    requested_parcel_id: str | None
    requested_on: date
    working_days: int
    industry: str | None = None
    deadline: date | None = None
    """The promise, counted once here on the zone calendar; headquarters shows this date."""
    deadline_provisional: bool = False


class StepEvent(Event):
    """What every event of a step names: its case, its step and the day. A base of the step
    events, not an event of its own."""

    case_id: str
    step_code: str
    on: date


class StepSubmitted(StepEvent):
    documents: tuple[str, ...]
    missing_documents: tuple[str, ...] = ()


class StepAccepted(StepEvent):
    deadline: date
    working_days: int | None = None
    resumed: bool = False
    deadline_provisional: bool = False
    """The deadline counts through a year whose calendar is not published yet (weekends only)."""


class StepApproved(StepEvent):
    working_days_taken: int | None = None
    within_promise: bool | None = None
    approval_id: str | None = None
    allocated_parcel_id: str | None = None


class StepReturned(StepEvent):
    reason: str
    missing_documents: tuple[str, ...] = ()
    working_days_used: int = 0


class StepRejected(StepEvent):
    reason: str
    working_days_taken: int | None = None
    within_promise: bool | None = None
    approval_id: str | None = None
    citation: Citation | None = None
    """The regulation's article the refusal cites (regulation id, article, version in force)."""


class StepReopened(StepEvent):
    reason: str


class StepOverdue(Event):
    case_id: str
    step_code: str
    step_name: str
    accepted_on: date
    deadline: date
    enterprise_name: str
    decided_by: Literal["service-center", "headquarters"] = "service-center"
    """The unit that decides the step: the one whose promise was broken."""


class CaseSealed(Event):
    case_id: str
    sealed_on: date


class EnterpriseCommissioned(Event):
    case_id: str
    lead_id: str | None
    credit_code: str
    commissioned_on: date


CaseEvent = (
    CaseOpened
    | CaseAwaitingCatalogue
    | ApprovalRequested
    | StepSubmitted
    | StepAccepted
    | StepApproved
    | StepReturned
    | StepRejected
    | StepReopened
    | StepOverdue
    | CaseSealed
    | EnterpriseCommissioned
)
