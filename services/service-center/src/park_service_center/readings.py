"""How service-center reads investment's signed leads and headquarters' policies and project
decisions: only the fields it uses (contract.py lists them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from park_shared.events import ForeignEvent
from pydantic import BaseModel

from park_service_center.domain.money import Money

__all__ = [
    "LeadSigned",
    "PolicyPublished",
    "PolicyRevoked",
    "PolicySuperseded",
    "ProjectApproved",
    "ProjectRejected",
    "RegulationPublished",
    "RegulationRepealed",
]


class LeadSigned(ForeignEvent):
    lead_id: str
    company_name: str
    credit_code: str
    industry: str
    park_id: str
    planned_investment: Money
    signed_on: date
    preferred_parcel_id: str | None = None
    green_channel: bool = False
    project: str | None = None


class PolicyPublished(ForeignEvent):
    policy_id: str
    version: int
    kind: str
    title: str = ""
    effective_from: date
    terms: dict[str, Any]
    published_at: str = ""


class PolicySuperseded(ForeignEvent):
    policy_id: str
    version: int
    superseded_by: int
    effective_until: date


class PolicyRevoked(ForeignEvent):
    policy_id: str
    version: int
    revoked_on: date
    reason: str = ""


class ProjectApproved(ForeignEvent):
    approval_id: str
    case_id: str
    allocated_parcel_id: str | None = None
    decided_on: date


class ProjectRejected(ForeignEvent):
    approval_id: str
    case_id: str
    reason: str = ""
    decided_on: date


class ArticleNumber(BaseModel):
    number: int


class RegulationPublished(ForeignEvent):
    """A version of HQ's management regulation: its kind, effective date and article numbers
    (what a refusal's citation is checked against; the text stays HQ's)."""

    regulation_id: str
    version: int
    kind: str
    articles: list[ArticleNumber]
    effective_from: date


class RegulationRepealed(ForeignEvent):
    regulation_id: str
    repealed_on: date
