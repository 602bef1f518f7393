"""Policy request and response schemas, by role: drafts for HQ, published views for everyone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from park_shared.web.dates import Day
from pydantic import BaseModel, Field

from park_headquarters.api.bodies import Body
from park_headquarters.domain.policy_terms import PolicyKind
from park_headquarters.domain.policy_timeline import VersionStatus
from park_headquarters.domain.values import Text

__all__ = [
    "CitedArticle",
    "PolicyCreate",
    "PolicyInForce",
    "PolicyPublic",
    "PolicyPublish",
    "PolicyRevoke",
    "PolicyVersionDraft",
    "PolicyVersionPublic",
    "PublishedPolicy",
    "PublishedVersion",
]

TERMS_DOC = (
    "By kind (docs/events.md): preferential {rules: [{fee_code, discount_percent, waiver, "
    "industries, parks}]}; reward {rate_percent, fixed_amount, cap}; fee_schedule {items: [{code, "
    "name, amount, phase (before_production|after_production|facility_use), "
    "applies_to_foreign_invested, legal_basis: {regulation_id, article}, facility_kind (of a "
    "facility_use item: exhibition_hall|testing_laboratory|training_centre|warehouse; amount per "
    "unit-hour)}]}; "
    "procedure_catalogue {steps: [{code, name, legal_basis, "
    "required_documents, working_days, green_channel_working_days, decided_by}]}; working_calendar "
    "{year, holidays: [date], makeup_workdays: [date], source, note} (policy id "
    "working-calendar-<year>, assigned if absent); compensation_standard {per_mu: {arable|garden|"
    "forest|homestead|other: money}}; talent {categories: [{code, name, one_off_subsidy, "
    "housing_allowance_monthly, housing_months}]}. Amounts and percentages are decimal strings (or "
    "integers), never floats."
)
Terms = Annotated[dict[str, Any], Field(description=TERMS_DOC)]


class PolicyVersionDraft(Body):
    title: Text
    terms: Terms


class PolicyCreate(PolicyVersionDraft):
    policy_id: Annotated[
        str | None,
        Field(pattern=r"^[a-z0-9][a-z0-9-]{2,59}$", description="chosen, or assigned if absent"),
    ] = None
    kind: PolicyKind


class PolicyPublish(Body):
    effective_from: Day


class PolicyRevoke(Body):
    reason: Text


class PublishedVersion(BaseModel):
    version: int
    title: str
    terms: dict[str, Any]
    status: VersionStatus
    effective_from: date | None
    published_at: datetime | None
    effective_until: date | None = Field(description="exclusive: the successor's effective date")
    superseded_by: int | None
    revoked_on: date | None
    revocation_reason: str | None


class PolicyVersionPublic(PublishedVersion):
    drafted_on: date


class PolicyPublic(BaseModel):
    policy_id: str
    kind: PolicyKind
    title: str
    versions: list[PolicyVersionPublic]


class PublishedPolicy(BaseModel):
    policy_id: str
    kind: PolicyKind
    versions: list[PublishedVersion]


class CitedArticle(BaseModel):
    """A fee item's legal basis: the article of the regulation that allows it, linked to its
    text as in force on the day the schedule took effect."""

    item_code: str
    regulation_id: str
    article: int
    version: int
    link: str = Field(description="the article on /public/regulations")


class PolicyInForce(BaseModel):
    """The version of a policy in force on `on` (政务公开: also under /public)."""

    policy_id: str
    kind: PolicyKind
    on: date
    version: int
    title: str
    terms: dict[str, Any]
    effective_from: date
    published_at: datetime | None
    citations: list[CitedArticle] = Field(
        default_factory=list, description="the fee items' legal bases, each linking its article"
    )
