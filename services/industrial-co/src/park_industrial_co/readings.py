"""How industrial-co reads headquarters' parcels: only the fields it uses (contract.py)."""

from __future__ import annotations

from park_shared.events import ForeignEvent

__all__ = ["ParcelRegistered"]


class ParcelRegistered(ForeignEvent):
    """Our reading of headquarters' ParcelRegistered.v1: only what we use."""

    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int
