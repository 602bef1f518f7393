"""How industrial-co reads headquarters' parcels and signed requisition agreements: only the
fields it uses (contract.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from park_shared.events import ForeignEvent

__all__ = ["AgreementSigned", "ParcelRegistered"]


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
