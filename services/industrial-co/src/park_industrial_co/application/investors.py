"""Investors' identities: a pseudonymous id for events, a private directory for people.

An identity number never leaves this module: the investor id in events is an HMAC-SHA256 of
the identifier under the service's own key (IC_PSEUDONYM_KEY), so the same investor is
recognised again (one subscription per offering) without the number being stored anywhere;
a plain hash would not do, since identity numbers are few enough to enumerate. The directory
keeps what the register shows: the name, and of an identity number only its last four
characters; an enterprise's credit code is public and kept whole. The directory is the one
piece of state outside the event log, so a person's name can be erased without rewriting
events (they carry only the pseudonym)."""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

from park_shared.projections.port import Change, ReadModelStore

from park_industrial_co.domain.offering import InvestorType

__all__ = ["DIRECTORY", "Investor", "directory_entries", "investor_id", "remember"]

DIRECTORY = "investor-directory"


@dataclass(frozen=True, slots=True, repr=False)
class Investor:
    """An investor as entered. `repr` shows no identifier, so it can't reach a log by accident."""

    type: InvestorType
    name: str
    identifier: str
    """The identity number of an individual, or the credit code of an enterprise."""

    def __repr__(self) -> str:
        return f"Investor(type={self.type!r})"

    @property
    def hint(self) -> str:
        if self.type == "individual":
            return "*" * (len(self.identifier) - 4) + self.identifier[-4:]
        return self.identifier


def investor_id(key: str, investor: Investor) -> str:
    scheme = "person" if investor.type == "individual" else "entity"
    message = f"{scheme}:{investor.identifier.upper()}".encode()
    return "inv-" + hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:24]


async def remember(read_models: ReadModelStore, pseudonym: str, investor: Investor) -> None:
    """Writes the investor's directory entry (after the subscription it belongs to exists)."""
    doc = {
        "investor_id": pseudonym,
        "investor_type": investor.type,
        "name": investor.name,
        "hint": investor.hint,
    }
    change = Change(DIRECTORY, pseudonym, doc, time.time_ns())
    await read_models.commit(DIRECTORY, [change], 0)


async def directory_entries(read_models: ReadModelStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for pseudonym in ids:
        doc = await read_models.get(DIRECTORY, pseudonym)
        if doc is not None:
            entries[pseudonym] = doc
    return entries
