"""Our reading of other services' events: only the fields this service uses."""

from __future__ import annotations

from datetime import date
from typing import Any

from park_shared.events import ForeignEvent
from park_shared.revocation import TOKEN_REVOKED, TokenRevokedReading

from park_service_center.domain.money import Money
from park_service_center.events import registry

__all__ = [
    "LeadSigned",
    "PolicyPublished",
    "PolicyRevoked",
    "PolicySuperseded",
    "ProjectApproved",
    "ProjectRejected",
]


@registry.foreign("investment", "LeadSigned", 1)
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


@registry.foreign("headquarters", "PolicyPublished", 1)
class PolicyPublished(ForeignEvent):
    policy_id: str
    version: int
    kind: str
    title: str = ""
    effective_from: date
    terms: dict[str, Any]
    published_at: str = ""


@registry.foreign("headquarters", "PolicySuperseded", 1)
class PolicySuperseded(ForeignEvent):
    policy_id: str
    version: int
    superseded_by: int
    effective_until: date


@registry.foreign("headquarters", "PolicyRevoked", 1)
class PolicyRevoked(ForeignEvent):
    policy_id: str
    version: int
    revoked_on: date
    reason: str = ""


@registry.foreign("headquarters", "ProjectApproved", 1)
class ProjectApproved(ForeignEvent):
    approval_id: str
    case_id: str
    allocated_parcel_id: str | None = None
    decided_on: date


@registry.foreign("headquarters", "ProjectRejected", 1)
class ProjectRejected(ForeignEvent):
    approval_id: str
    case_id: str
    reason: str = ""
    decided_on: date

# headquarters' revocations of department tokens (park_shared.revocation): refused by our auth
registry.add(TOKEN_REVOKED, TokenRevokedReading)
