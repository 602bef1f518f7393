"""The dashboard's reading of headquarters' events (行政总部)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from park_shared.events import ForeignEvent
from pydantic import BaseModel

PRODUCER = "headquarters"


class ParkRegistered(ForeignEvent):
    park_id: str
    name: str


class ParcelRegistered(ForeignEvent):
    parcel_id: str
    park_id: str
    planned_use: str
    area_m2: int


class ParcelServiced(ForeignEvent):
    parcel_id: str
    park_id: str
    serviced_on: date


class ParcelAllocated(ForeignEvent):
    parcel_id: str
    park_id: str
    allocated_on: date


class PolicyPublished(ForeignEvent):
    policy_id: str
    version: int
    kind: str
    title: str
    effective_from: date
    terms: dict[str, Any]


class PolicySuperseded(ForeignEvent):
    policy_id: str
    version: int
    effective_until: date


class PolicyRevoked(ForeignEvent):
    policy_id: str
    version: int
    revoked_on: date


class ProjectApproved(ForeignEvent):
    case_id: str
    decided_on: date


class ProjectRejected(ForeignEvent):
    case_id: str
    decided_on: date


class SupervisionCaseOpened(ForeignEvent):
    supervision_id: str
    cause: str
    unit: str
    case_id: str | None = None
    step_code: str | None = None
    opened_on: date


class SupervisionCaseClosed(ForeignEvent):
    supervision_id: str
    closed_on: date


class ArticleNumber(BaseModel):
    """An article of a regulation: its number (the text is HQ's /public/regulations page's)."""

    number: int


class RegulationPublished(ForeignEvent):
    """A regulation's version in force from `effective_from` (until the next one's, or repeal)."""

    regulation_id: str
    version: int
    kind: str
    title_zh: str
    title_en: str
    articles: list[ArticleNumber]
    effective_from: date


class RegulationRepealed(ForeignEvent):
    regulation_id: str
    repealed_on: date


class Collective(BaseModel):
    """A collective of a requisition case: its households counted, never named."""

    collective_id: str
    households: int


class RequisitionOpened(ForeignEvent):
    case_id: str
    parcel_ids: list[str]
    collectives: list[Collective]
    opened_on: date
    time_limits: dict[str, int] | None = None
    """Working days promised per stage (agreements, payment, resettlement, issue); absent in
    cases opened before stages had limits."""


class AgreementSigned(ForeignEvent):
    case_id: str
    collective_id: str
    amount: Decimal
    signed_on: date


class CompensationPaid(ForeignEvent):
    case_id: str
    collective_id: str
    amount: Decimal
    paid_on: date


class ResettlementNoted(ForeignEvent):
    case_id: str
    collective_id: str
    households_resettled: int
    noted_on: date


class IssueRaised(ForeignEvent):
    case_id: str
    issue_id: str
    raised_on: date


class IssueClosed(ForeignEvent):
    case_id: str
    issue_id: str
    closed_on: date


class RequisitionCompleted(ForeignEvent):
    """HQ's word that a case is settled: its parcels are requisitioned."""

    case_id: str
    parcel_ids: list[str]
    completed_on: date


class ParcelRequisitioned(ForeignEvent):
    """The zone holds the parcel's land: by a completed case (`case_id`), or recorded as held
    with its title (`title_reference`, no case)."""

    parcel_id: str
    park_id: str
    case_id: str | None = None
    title_reference: str | None = None
    requisitioned_on: date


MODELS: tuple[type[ForeignEvent], ...] = (
    ParkRegistered,
    ParcelRegistered,
    ParcelServiced,
    ParcelAllocated,
    PolicyPublished,
    PolicySuperseded,
    PolicyRevoked,
    ProjectApproved,
    ProjectRejected,
    SupervisionCaseOpened,
    SupervisionCaseClosed,
    RegulationPublished,
    RegulationRepealed,
    RequisitionOpened,
    AgreementSigned,
    CompensationPaid,
    ResettlementNoted,
    IssueRaised,
    IssueClosed,
    RequisitionCompleted,
    ParcelRequisitioned,
)
