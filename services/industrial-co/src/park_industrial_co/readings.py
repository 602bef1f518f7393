"""How industrial-co reads headquarters' parcels, signed requisition agreements and fee
schedules: only the fields it uses (contract.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from park_shared.events import ForeignEvent

__all__ = ["AgreementSigned", "ParcelRegistered", "PolicyPublished", "PolicyRevoked", "PolicySuperseded"]


class ParcelRegistered(ForeignEvent):
    """Our reading of headquarters' ParcelRegistered.v1: only what we use."""

    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int


class AgreementSigned(ForeignEvent):
    """Our reading of headquarters' AgreementSigned.v1: a collective's compensation we owe."""

    case_id: str
    collective_id: str
    amount: Decimal
    signed_on: date


class PolicyPublished(ForeignEvent):
    """Our reading of headquarters' PolicyPublished.v1: we keep the fee schedules' facility items."""

    policy_id: str
    version: int
    kind: str
    effective_from: date
    terms: dict[str, Any]
    published_at: str = ""


class PolicySuperseded(ForeignEvent):
    policy_id: str
    version: int
    effective_until: date


class PolicyRevoked(ForeignEvent):
    policy_id: str
    version: int
    revoked_on: date
