"""Our reading of other services' events (docs/events.md): only the fields we use."""

from __future__ import annotations

from datetime import date
from typing import Any

from park_shared.events import ForeignEvent
from park_shared.revocation import TOKEN_REVOKED, TokenRevokedReading

from park_investment.events import registry

__all__ = [
    "CaseOpened",
    "EnterpriseCommissioned",
    "ParcelAllocated",
    "ParcelReleased",
    "ParcelServiced",
    "PolicyPublished",
    "PolicyRevoked",
    "PolicySuperseded",
]


@registry.foreign("headquarters", "PolicyPublished", 1)
class PolicyPublished(ForeignEvent):
    policy_id: str
    version: int
    kind: str
    title: str
    effective_from: date
    terms: dict[str, Any]


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


@registry.foreign("headquarters", "ParcelServiced", 1)
class ParcelServiced(ForeignEvent):
    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int
    serviced_on: date


@registry.foreign("headquarters", "ParcelAllocated", 1)
class ParcelAllocated(ForeignEvent):
    parcel_id: str
    park_id: str
    allocated_on: date


@registry.foreign("headquarters", "ParcelReleased", 1)
class ParcelReleased(ForeignEvent):
    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int
    serviced_on: date | None
    released_on: date


@registry.foreign("service-center", "CaseOpened", 1)
class CaseOpened(ForeignEvent):
    case_id: str
    lead_id: str | None = None
    opened_on: date


@registry.foreign("service-center", "EnterpriseCommissioned", 1)
class EnterpriseCommissioned(ForeignEvent):
    case_id: str
    lead_id: str | None = None
    credit_code: str
    commissioned_on: date


# headquarters' revocations of department tokens (park_shared.revocation): refused by our auth
registry.add(TOKEN_REVOKED, TokenRevokedReading)
