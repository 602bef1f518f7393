"""Investors' identities: a pseudonymous id for events, register details sealed per investor.

An identity number never leaves this module: the investor id in events is an HMAC-SHA256 of
the identifier under the service's own key (IC_PSEUDONYM_KEY), so the same investor is
recognised again (one subscription per offering) without the number being stored anywhere;
a plain hash would not do, since identity numbers are few enough to enumerate. The HMAC is
still personal data (linkable by whoever holds the key); it stays, as the erasure's subject id.
The register shows the name and, of an identity number, only its last four characters
(an enterprise's credit code is public and kept whole): these are sealed under the investor's
own key (park_shared.personal_data) into InvestorIdentified, and opened per response; an
erasure destroys the key, so they become unreadable in every event and read model."""

from __future__ import annotations

import hashlib
import hmac
from contextlib import suppress
from dataclasses import dataclass

from park_shared.errors import Conflict, NotFound
from park_shared.handler import CommandContext
from park_shared.personal_data import PersonalDataVault, last_four
from park_shared.projections.port import Change, Doc
from park_shared.runtime import Runtime

from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.domain.investor import EraseInvestorData, IdentifyInvestor
from park_industrial_co.domain.offering import InvestorType

__all__ = [
    "LEGACY_DIRECTORY",
    "PERSONAL_FIELDS",
    "Investor",
    "erase",
    "identify",
    "investor_id",
    "migrate_directory",
    "opened",
    "vault",
]

PERSONAL_FIELDS = ("name", "identifier_hint")
LEGACY_DIRECTORY = "investor-directory"
"""The plaintext directory of earlier versions: migrate_directory empties it at start."""


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
            return last_four(self.identifier)
        return self.identifier


def investor_id(key: str, investor: Investor) -> str:
    scheme = "person" if investor.type == "individual" else "entity"
    message = f"{scheme}:{investor.identifier.upper()}".encode()
    return "inv-" + hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:24]


def vault(runtime: Runtime) -> PersonalDataVault:
    return PersonalDataVault(runtime.read_models, runtime.settings)


async def identify(ic: IndustrialCo, context: CommandContext, pseudonym: str, investor: Investor) -> None:
    """Records the investor's register details, sealed (the latest subscription's win). Details
    sealed under a key an erasure destroys (the erasure was decided between the seal and this
    record) are refused by the decision, like an erasure after them: the key is destroyed (the
    erasure's own effect, done here if it has not happened yet) and nothing is recorded."""
    token = await vault(ic.runtime).seal(pseudonym, {"name": investor.name, "identifier_hint": investor.hint})
    command = IdentifyInvestor(
        investor_id=pseudonym, investor_type=investor.type, personal=token, identified_on=ic.today()
    )
    try:
        await ic.investors.handle(pseudonym, command, context)
    except Conflict as refused:
        erased_key = refused.extra.get("erased_key")
        if not isinstance(erased_key, str):
            raise
        await vault(ic.runtime).erase(pseudonym, erased_key)


async def erase(ic: IndustrialCo, context: CommandContext, pseudonym: str) -> None:
    """Records PersonalDataErased, then destroys the key (a retry after a crash in between gets
    the 409 and still destroys it); 404 unknown, 409 erased already or an enterprise."""
    if not pseudonym.startswith("inv-"):
        raise NotFound(f"there is no investor {pseudonym}")
    key_id = await vault(ic.runtime).key_id(pseudonym)
    command = EraseInvestorData(erased_at=ic.now(), key_id=key_id)
    try:
        await ic.investors.handle(pseudonym, command, context)
    except NotFound:
        raise NotFound(f"there is no investor {pseudonym}") from None
    except Conflict as refused:
        if "erased_at" in refused.extra:
            await vault(ic.runtime).erase(pseudonym, key_id)
        raise
    await vault(ic.runtime).erase(pseudonym, key_id)  # only the key the decision names


async def opened(ic: IndustrialCo, doc: Doc) -> Doc:
    """An investors document with its details opened (null once erased)."""
    return await vault(ic.runtime).opened(doc, PERSONAL_FIELDS)


async def migrate_directory(ic: IndustrialCo) -> None:
    """Seals each entry of the old plaintext directory into an InvestorIdentified (same investor
    id), then deletes the entry; an investor identified already keeps its newer details."""
    read_models = ic.runtime.read_models
    for doc in await read_models.find(LEGACY_DIRECTORY):
        pseudonym = doc["investor_id"]
        fields = {"name": doc["name"], "identifier_hint": doc["hint"]}
        command = IdentifyInvestor(
            investor_id=pseudonym,
            investor_type=doc["investor_type"],
            personal=await vault(ic.runtime).seal(pseudonym, fields),
            identified_on=ic.today(),
        )
        with suppress(Conflict):  # identified already: version 0 expected, a newer one found
            await ic.investors.handle(pseudonym, command, CommandContext(), expected_version=0)
        gone = Change(LEGACY_DIRECTORY, pseudonym, None, 2**62)
        await read_models.commit(LEGACY_DIRECTORY, [gone], 0)
