"""How investment reads headquarters' policies and parcels and service-center's cases
(docs/events.md): only the fields it uses (contract.py lists them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from park_shared.events import ForeignEvent

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
    superseded_by: int
    effective_until: date


class PolicyRevoked(ForeignEvent):
    policy_id: str
    version: int
    revoked_on: date


class ParcelServiced(ForeignEvent):
    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int
    serviced_on: date


class ParcelAllocated(ForeignEvent):
    parcel_id: str
    park_id: str
    allocated_on: date


class ParcelReleased(ForeignEvent):
    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int
    serviced_on: date | None
    released_on: date


class CaseOpened(ForeignEvent):
    case_id: str
    lead_id: str | None = None
    opened_on: date


class EnterpriseCommissioned(ForeignEvent):
    case_id: str
    lead_id: str | None = None
    credit_code: str
    commissioned_on: date
