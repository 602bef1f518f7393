"""The dashboard's reading of service-center's events (服务中心)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from park_shared.events import ForeignEvent
from pydantic import BaseModel

PRODUCER = "service-center"


class CaseOpened(ForeignEvent):
    case_id: str
    enterprise_name: str
    park_id: str
    green_channel: bool
    opened_on: date


class ApprovalRequested(ForeignEvent):
    case_id: str
    enterprise_name: str
    park_id: str
    requested_on: date
    working_days: int
    deadline: date | None = None
    deadline_provisional: bool = False


class StepAccepted(ForeignEvent):
    case_id: str
    step_code: str
    on: date
    deadline: date
    deadline_provisional: bool = False


class StepApproved(ForeignEvent):
    case_id: str
    step_code: str
    on: date


class StepReturned(ForeignEvent):
    case_id: str
    step_code: str
    on: date


class CitedArticle(BaseModel):
    """The regulation's article a refusal rests on, as in force on its day."""

    regulation_id: str
    article: int
    version: int | None = None


class StepRejected(ForeignEvent):
    case_id: str
    step_code: str
    on: date
    citation: CitedArticle | None = None


class StepOverdue(ForeignEvent):
    case_id: str
    step_code: str
    step_name: str
    deadline: date
    enterprise_name: str


class CaseSealed(ForeignEvent):
    case_id: str
    sealed_on: date


class EnterpriseCommissioned(ForeignEvent):
    case_id: str
    commissioned_on: date


class VacancyPosted(ForeignEvent):
    vacancy_id: str
    enterprise_id: str
    park_id: str
    sector: str
    places: int
    posted_on: date


class VacancyFilled(ForeignEvent):
    vacancy_id: str
    places_left: int
    filled_on: date


class VacancyClosed(ForeignEvent):
    vacancy_id: str
    places_left: int
    closed_on: date


class SubsidyApplied(ForeignEvent):
    """A talent subsidy application: the category and the park only (the person is a sealed
    key the dashboard never reads)."""

    application_id: str
    category: str
    park_id: str
    applied_on: date


class ApplicationApproved(ForeignEvent):
    application_id: str
    category: str
    park_id: str
    decided_on: date
    total: Decimal


class ApplicationRejected(ForeignEvent):
    application_id: str
    category: str
    park_id: str
    decided_on: date


class InstalmentPaid(ForeignEvent):
    application_id: str
    category: str
    park_id: str
    number: int
    amount: Decimal
    paid_on: date


MODELS: tuple[type[ForeignEvent], ...] = (
    CaseOpened,
    ApprovalRequested,
    StepAccepted,
    StepApproved,
    StepReturned,
    StepRejected,
    StepOverdue,
    CaseSealed,
    EnterpriseCommissioned,
    VacancyPosted,
    VacancyFilled,
    VacancyClosed,
    SubsidyApplied,
    ApplicationApproved,
    ApplicationRejected,
    InstalmentPaid,
)
