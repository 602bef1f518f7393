"""Referrer use cases: enrol (personal data sealed under the referrer's own key before it is
stored in an event), erase (the event first, then the key: a retry after a crash in between
finds the erasure recorded, answers 409 and still destroys the key), and read (opened at read
time). Never log the details: ReferrerDetails hides them from repr."""

from __future__ import annotations

import uuid
from contextlib import suppress
from datetime import date

from park_shared.errors import Conflict, NotFound
from park_shared.handler import CommandContext
from park_shared.projections.port import Change, Doc
from pydantic import BaseModel, ConfigDict

from park_investment.application.service import Investment
from park_investment.domain.referrer import EnrolReferrer, EraseReferrerData, ReferrerKind
from park_investment.projections.referrers import REFERRERS

__all__ = [
    "LEGACY_DIRECTORY",
    "PERSONAL_FIELDS",
    "ReferrerDetails",
    "enrol_referrer",
    "erase_referrer",
    "migrate_directory",
    "referrer_doc",
]

PERSONAL_FIELDS = ("name", "phone", "relation", "organisation")
LEGACY_DIRECTORY = "referrer_directory"
"""The plaintext directory of earlier versions: migrate_directory empties it at start."""


class ReferrerDetails(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: ReferrerKind
    name: str
    phone: str
    relation: str | None = None
    organisation: str | None = None

    def __repr__(self) -> str:  # keep personal data out of tracebacks and logs
        return f"ReferrerDetails(kind={self.kind!r})"

    __str__ = __repr__


async def enrol_referrer(inv: Investment, details: ReferrerDetails, context: CommandContext) -> str:
    referrer_id = f"ref-{uuid.uuid4().hex[:16]}"
    token = await inv.vault.seal(referrer_id, details.model_dump(include=set(PERSONAL_FIELDS)))
    command = EnrolReferrer(
        referrer_id=referrer_id, kind=details.kind, personal=token, enrolled_on=inv.today()
    )
    await inv.referrers.handle(referrer_id, command, expect="new", context=context)
    return referrer_id


async def erase_referrer(inv: Investment, referrer_id: str, context: CommandContext) -> None:
    """Records PersonalDataErased and destroys the key; 404 unknown, 409 erased already."""
    if not referrer_id.startswith("ref-"):
        raise NotFound(f"there is no referrer {referrer_id}", referrer_id=referrer_id)
    command = EraseReferrerData(erased_at=inv.runtime.now())
    try:
        await inv.referrers.handle(referrer_id, command, expect="existing", context=context)
    except NotFound:
        raise NotFound(f"there is no referrer {referrer_id}", referrer_id=referrer_id) from None
    except Conflict:
        await inv.vault.erase(referrer_id)
        raise
    await inv.vault.erase(referrer_id)


async def referrer_doc(inv: Investment, referrer_id: str) -> Doc | None:
    """The referrer's read model with its personal data opened (None fields once erased)."""
    doc = await inv.doc(REFERRERS, referrer_id)
    if doc is None:
        return None
    return await opened(inv, doc)


async def opened(inv: Investment, doc: Doc) -> Doc:
    token = doc.get("personal")
    fields = await inv.vault.open(token) if token else None
    erased = fields is None
    return {**doc, **dict.fromkeys(PERSONAL_FIELDS), **(fields or {}), "erased": erased}


async def migrate_directory(inv: Investment) -> None:
    """Seals each entry of the old plaintext directory into a ReferrerEnrolled (same referrer
    id), then deletes the entry; an entry whose referrer is enrolled already is only deleted."""
    documents = inv.runtime.read_models
    for doc in await documents.find(LEGACY_DIRECTORY):
        referrer_id = doc["referrer_id"]
        details = ReferrerDetails.model_validate(doc)
        token = await inv.vault.seal(referrer_id, details.model_dump(include=set(PERSONAL_FIELDS)))
        command = EnrolReferrer(
            referrer_id=referrer_id,
            kind=details.kind,
            personal=token,
            enrolled_on=date.fromisoformat(doc["enrolled_on"]),
        )
        with suppress(Conflict):
            await inv.referrers.handle(referrer_id, command, expect="new", context=CommandContext())
        gone = Change(LEGACY_DIRECTORY, referrer_id, None, 2**62)
        await documents.commit("referrer-directory", [gone], 0)
