"""Our reading of other services' events (docs/events.md): only the fields we use. `contract.py`
names them (READS), with headquarters' token revocations (park_shared.revocation)."""

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
