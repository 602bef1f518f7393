"""Referrer use cases: enrol (personal data sealed under the referrer's own key before it is
stored in an event), erase (the event first, then the key: a retry after a crash in between
finds the erasure recorded, answers 409 and still destroys the key), and the migration of the
old plaintext directory. Never log the details: ReferrerDetails hides them from repr."""

from __future__ import annotations

import uuid
from contextlib import suppress
from datetime import date

from park_shared.errors import Conflict, NotFound
from park_shared.handler import CommandContext
from park_shared.projections.port import Change
from pydantic import BaseModel, ConfigDict

from park_investment.application.context import PERSONAL_FIELDS, Investment
from park_investment.domain.referrer import EnrolReferrer, EraseReferrerData, ReferrerKind

__all__ = ["LEGACY_DIRECTORY", "ReferrerDetails", "enrol_referrer", "erase_referrer", "migrate_directory"]

LEGACY_DIRECTORY = "referrer_directory"
"""The plaintext directory of earlier versions: migrate_directory empties it at start."""


class ReferrerDetails(BaseModel):
    """A referrer's kind and personal data, as an officer enrols it."""

    model_config = ConfigDict(frozen=True)

    kind: ReferrerKind
    name: str
    phone: str
    organisation: str | None = None
    relation: str | None = None

    def __repr__(self) -> str:  # keep personal data out of tracebacks and logs
        return f"{type(self).__name__}(kind={self.kind!r})"

    __str__ = __repr__


async def enrol_referrer(inv: Investment, details: ReferrerDetails, context: CommandContext) -> str:
    """Enrols a new referrer; returns its pseudonymous id."""
    referrer_id = f"ref-{uuid.uuid4().hex[:16]}"
    await _enrol(inv, referrer_id, details, inv.today(), context)
    return referrer_id


async def _enrol(
    inv: Investment, referrer_id: str, details: ReferrerDetails, enrolled_on: date, context: CommandContext
) -> None:
    token = await inv.vault.seal(referrer_id, details.model_dump(include=set(PERSONAL_FIELDS)))
    command = EnrolReferrer(
        referrer_id=referrer_id, kind=details.kind, personal=token, enrolled_on=enrolled_on
    )
    await inv.referrers.handle(referrer_id, command, context)


async def erase_referrer(inv: Investment, referrer_id: str, context: CommandContext) -> None:
    """Records PersonalDataErased and destroys the key; 404 unknown, 409 erased already."""
    if not referrer_id.startswith("ref-"):
        raise NotFound(f"there is no referrer {referrer_id}", referrer_id=referrer_id)
    erasure = inv.referrers.handle(referrer_id, EraseReferrerData(erased_at=inv.now()), context)
    unknown = NotFound(f"there is no referrer {referrer_id}", referrer_id=referrer_id)
    await inv.vault.erase_recorded(referrer_id, erasure, unknown)


async def migrate_directory(inv: Investment) -> None:
    """Seals each entry of the old plaintext directory into a ReferrerEnrolled (same referrer
    id), then deletes the entry; an entry whose referrer is enrolled already is only deleted."""
    documents = inv.runtime.read_models
    for doc in await documents.find(LEGACY_DIRECTORY):
        referrer_id = doc["referrer_id"]
        details = ReferrerDetails.model_validate(doc)
        with suppress(Conflict):
            await _enrol(inv, referrer_id, details, date.fromisoformat(doc["enrolled_on"]), CommandContext())
        gone = Change(LEGACY_DIRECTORY, referrer_id, None, 2**62)
        await documents.commit("referrer-directory", [gone], 0)
