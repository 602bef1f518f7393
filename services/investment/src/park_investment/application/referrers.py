"""The referrer directory: referrers' personal data (name, phone, relation to staff) kept in
this service only, outside the event log, because every stored event is published. Events
and other read models carry only the pseudonymous referrer_id. Never log these records."""

from __future__ import annotations

import time
from typing import Literal

from park_shared.projections.port import Change, ReadModelStore
from pydantic import BaseModel, ConfigDict

__all__ = ["COLLECTION", "ReferrerDirectory", "ReferrerKind", "ReferrerRecord", "kinds_for"]

COLLECTION = "referrer_directory"
OWNER = "referrer-directory"

ReferrerKind = Literal["enterprise", "department", "overseas_chinese", "staff", "staff_relative"]

_PLATFORM_KINDS: dict[str, tuple[str, ...]] = {
    "merchant": ("enterprise",),
    "all_staff": ("department", "overseas_chinese", "staff", "staff_relative"),
    "online": ("enterprise", "department", "overseas_chinese", "staff", "staff_relative"),
}


def kinds_for(platform: str) -> tuple[str, ...]:
    """The referrer kinds a platform's leads may name."""
    return _PLATFORM_KINDS[platform]


class ReferrerRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    referrer_id: str
    kind: ReferrerKind
    name: str
    phone: str
    relation: str | None = None
    organisation: str | None = None
    enrolled_on: str

    def __repr__(self) -> str:  # keep personal data out of tracebacks and logs
        return f"ReferrerRecord(referrer_id={self.referrer_id!r}, kind={self.kind!r})"

    __str__ = __repr__


class ReferrerDirectory:
    """Personal data by referrer id, in the service's own database (read-model storage,
    written directly, not derived from events and never reset by a projection rebuild)."""

    def __init__(self, documents: ReadModelStore) -> None:
        self._documents = documents

    async def save(self, record: ReferrerRecord) -> None:
        change = Change(COLLECTION, record.referrer_id, record.model_dump(), time.time_ns())
        await self._documents.commit(OWNER, [change], 0)

    async def get(self, referrer_id: str) -> ReferrerRecord | None:
        doc = await self._documents.get(COLLECTION, referrer_id)
        return ReferrerRecord.model_validate(doc) if doc is not None else None

    async def all(self) -> list[ReferrerRecord]:
        return [ReferrerRecord.model_validate(d) for d in await self._documents.find(COLLECTION)]
