"""What each panel shows: the response models of the JSON endpoints (and of the live stream)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from park_dashboard.domain.observed import MessageRejected

__all__ = [
    "AdministrationPanel",
    "ApprovalWaiting",
    "DeadLetter",
    "FeedPanel",
    "InvestmentPanel",
    "MarketPanel",
    "OfferingView",
    "OnTime",
    "OverdueStep",
    "PolicyView",
    "ProjectView",
    "PublicView",
    "ServicePanel",
    "StageCount",
    "Summary",
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


class MarketPanel(BaseModel):
    offerings: list[OfferingView]
    projects: list[ProjectView]
    parcels: dict[str, dict[str, int]]
    """Per park: planned (not yet serviced), serviced, allocated."""


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
    feed: FeedPanel


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



class DeadLetter(MessageRejected):
    """A message the dashboard could not read, kept (never published), latest first."""

    position: int
