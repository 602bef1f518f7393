"""What each panel shows: the response models of the JSON endpoints (and of the live stream)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from park_dashboard.domain.observed import MessageRejected

__all__ = [
    "AdministrationPanel",
    "ApprovalWaiting",
    "CitedRefusal",
    "DeadLetter",
    "FacilityUse",
    "FeedPanel",
    "InvestmentPanel",
    "MarketPanel",
    "OfferingView",
    "OnTime",
    "OverdueStep",
    "ParkUse",
    "PolicyView",
    "ProjectView",
    "ProposerConversion",
    "PublicView",
    "RegulationView",
    "RequisitionView",
    "ResourcesPanel",
    "ServicePanel",
    "StageCount",
    "Summary",
    "TalentRow",
    "TalentStats",
    "VacancyStats",
]


class StageCount(BaseModel):
    stage: str
    count: int


class InvestmentPanel(BaseModel):
    stages: list[str]
    funnel: list[StageCount]
    by_platform: dict[str, list[int]]
    """Per platform, the count reaching each stage (in `stages` order)."""
    by_park: dict[str, list[int]]
    leads: int
    lost: int
    signed_amount: str
    duplicates_prevented: int
    duplicates_by_platform: dict[str, int]
    rewards_granted: int
    rewards_granted_amount: str
    rewards_paid: int
    rewards_paid_amount: str


class OnTime(BaseModel):
    step_code: str
    step_name: str | None
    promised_working_days: int | None
    decided: int
    on_time: int
    overdue_open: int
    rate: float | None
    """On time ÷ (decided + overdue still open); None before the first."""


class OverdueStep(BaseModel):
    case_id: str
    step_code: str
    step_name: str | None
    enterprise_name: str | None
    deadline: str | None
    working_days_late: int


class Promise(BaseModel):
    """A step running against its promised deadline (承诺制)."""

    case_id: str
    step_code: str
    step_name: str | None
    enterprise_name: str | None
    deadline: str
    deadline_provisional: bool
    working_days_left: int


class CalendarYearView(BaseModel):
    year: int
    provisional: bool
    """No arrangement published for the year: weekends only, and it may change."""
    policy_id: str | None = None
    version: int | None = None
    holidays: list[str] = Field(default_factory=list)
    makeup_workdays: list[str] = Field(default_factory=list)


class ServicePanel(BaseModel):
    open_cases: int
    sealed_cases: int
    green_channel_open: int
    open_by_step: list[StageCount]
    on_time: list[OnTime]
    overdue: list[OverdueStep]
    green_channel: list[dict[str, Any]]


class PolicyView(BaseModel):
    policy_id: str
    version: int
    kind: str | None
    title: str | None
    effective_from: str | None
    status: str
    """in_force, scheduled, superseded or revoked (on today's date)."""
    effective_until: str | None = None
    revoked_on: str | None = None


class ApprovalWaiting(BaseModel):
    case_id: str
    enterprise_name: str | None
    park_id: str | None
    requested_on: str | None
    deadline: str | None
    """As service-center promised it (carried in its request)."""
    deadline_provisional: bool = False
    """The deadline counts through a year whose calendar is not published yet."""
    days_left: int | None


class AdministrationPanel(BaseModel):
    policies_in_force: list[PolicyView]
    approvals_waiting: list[ApprovalWaiting]
    approvals_decided: int
    supervision_open: list[dict[str, Any]]
    supervision_closed: int


class OfferingView(BaseModel):
    offering_id: str
    title: str | None
    target: str | None
    raised: str
    percent: float | None
    status: str
    holders: int | None = None
    closes_on: str | None = None


class ProjectView(BaseModel):
    project_id: str
    name: str | None
    kind: str | None
    milestone: str | None
    progress: int
    completed_on: str | None


class RequisitionView(BaseModel):
    """A land requisition case (土地征用、政策处理): counts and amounts, never a household's name."""

    case_id: str
    opened_on: str | None
    stage: str
    """opened (no agreement yet), signing, paying, issues_open (paid, policy-handling issues
    still open) or complete (every agreement signed and paid, no issue open)."""
    parcel_ids: list[str]
    collectives: int
    households: int
    agreements_signed: int
    paid: int
    households_resettled: int
    issues_open: int
    issues_closed: int
    agreed_amount: str
    paid_amount: str
    completed_on: str | None = None
    time_limits: dict[str, int] = {}
    """Working days promised per stage (agreements, payment, resettlement, issue), as opened."""
    overdue_stages: list[str] = []
    """Stages past their deadline under an open supervision case (agreements, payment,
    resettlement or issue-<id>)."""


class MarketPanel(BaseModel):
    offerings: list[OfferingView]
    projects: list[ProjectView]
    parcels: dict[str, dict[str, int]]
    """Per park: to be requisitioned, requisitioned, planned (not yet serviced), serviced,
    allocated."""
    requisitions: list[RequisitionView] = Field(default_factory=list)
    """The land requisition cases, open ones first."""


class VacancyStats(BaseModel):
    """The labour market (人力资源市场化配置): open vacancies counted by park and by sector."""

    open: int
    places_open: int
    filled: int
    closed: int
    by_park: dict[str, int]
    by_sector: dict[str, int]
    by_park_and_sector: dict[str, dict[str, int]]


class TalentRow(BaseModel):
    key: str
    """The category or the park."""
    applications: int
    pending: int
    approved: int
    rejected: int
    granted: str
    paid: str


class TalentStats(BaseModel):
    """Talent introduction subsidies (人才引进): counts and amounts, no names."""

    applications: int
    approved: int
    granted: str
    paid: str
    by_category: list[TalentRow]
    by_park: list[TalentRow]


class ParkUse(BaseModel):
    park_id: str
    bookings: int
    unit_hours: float
    fees: str


class FacilityUse(BaseModel):
    """A facility both parks share (公共资源共享) and how much it is used."""

    facility_id: str
    name: str | None
    kind: str | None
    capacity: int | None
    bookings: int
    cancelled: int
    unit_hours: float
    """Booked capacity × hours, every booking not cancelled."""
    fees: str
    """Fees of the bookings kept, and what late cancellations kept."""
    utilisation: float | None
    """Booked unit-hours ÷ open unit-hours over the 28 days up to today (None: never open)."""
    by_park: list[ParkUse]


class ProposerConversion(BaseModel):
    """A landed enterprise's related projects (设计一批相关工程) and what became of them."""

    proposer_lead_id: str
    name: str | None
    proposals: int
    projects: int
    estimated_investment: str
    leads: int
    duplicates: int
    signed: int
    landed: int
    conversion: float | None
    """Signed ÷ projects proposed."""


class ResourcesPanel(BaseModel):
    vacancies: VacancyStats
    talent: TalentStats
    facilities: list[FacilityUse]
    facility_parks: list[ParkUse]
    """Every shared facility's use, per park of the booking enterprise."""
    proposals: list[ProposerConversion]


class FeedPanel(BaseModel):
    items: list[dict[str, Any]]
    total: int
    by_service: dict[str, int]
    rejected: int


class Summary(BaseModel):
    today: str
    parks: dict[str, str]
    investment: InvestmentPanel
    service: ServicePanel
    administration: AdministrationPanel
    market: MarketPanel
    resources: ResourcesPanel
    feed: FeedPanel


class RegulationView(BaseModel):
    """A management regulation's version in force on a day, as HQ published it."""

    regulation_id: str
    kind: str
    version: int
    title_zh: str
    title_en: str
    effective_from: str
    articles: int
    article_numbers: list[int]
    link: str
    """HQ's public text of this version (/public/regulations/{id}?on=...); + `#article-N`
    reaches an article."""


class CitedRefusal(BaseModel):
    """A step refused on the article of a regulation (an environmental assessment's refusal
    cites the environmental regulation), linking HQ's text of that article."""

    case_id: str
    enterprise_name: str | None
    step_code: str
    step_name: str | None
    refused_on: str | None
    regulation_id: str
    article: int
    version: int | None
    title_zh: str | None
    title_en: str | None
    link: str
    """HQ's /public/regulations/{id}?on=<the refusal's day>#article-<n>."""


class PublicView(BaseModel):
    today: str
    parks: dict[str, str]
    policies: list[PolicyView]
    catalogue: list[dict[str, Any]]
    catalogue_policy: PolicyView | None
    on_time: list[OnTime]
    promises: list[Promise]
    """Steps running against their promise, with the deadline the service centre set."""
    calendar: list[CalendarYearView]
    """HQ's working-day calendar in force today: this year and the next."""
    parcels_on_offer: list[dict[str, Any]] = []
    """Serviced parcels not yet allocated (investment's listings, 网上招商)."""
    opportunities: list[dict[str, Any]] = []
    """The opportunities published on the online platform and not withdrawn."""
    regulations_on: str = ""
    """The day `regulations` are in force on (`?on=`, the zone's today unless asked)."""
    regulations: list[RegulationView] = []
    """The management regulations in force on `regulations_on`, each linking HQ's text."""
    refusals: list[CitedRefusal] = []
    """Refusals that cite a regulation's article, latest first."""


class DeadLetter(MessageRejected):
    """A message the dashboard could not read, kept (never published), latest first."""

    position: int
