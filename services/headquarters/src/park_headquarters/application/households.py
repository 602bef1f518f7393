"""Households of a requisition case: registered with their personal data sealed under the
household's own key before it is stored in an event, opened only for an official's response,
and erased (the event first, then the key: a retry after a crash in between finds the erasure
recorded, answers 409 and still destroys the key). Never log the details: HouseholdDetails
hides them from repr."""

from __future__ import annotations

import uuid

from park_shared.errors import Conflict, NotFound
from park_shared.handler import CommandContext
from park_shared.projections.port import Doc
from pydantic import BaseModel, ConfigDict

from park_headquarters.application.context import Headquarters
from park_headquarters.domain.household import EraseHouseholdData, RegisterHousehold
from park_headquarters.projections.households import HOUSEHOLDS

__all__ = ["PERSONAL_FIELDS", "HouseholdDetails", "erase", "opened", "register"]

PERSONAL_FIELDS = ("name", "identity_number")
"""A household's personal data: sealed in its event, opened only for a response."""


class HouseholdDetails(BaseModel):
    """The head of household's name and identity number, as an official enters them."""

    model_config = ConfigDict(frozen=True)

    name: str
    identity_number: str

    def __repr__(self) -> str:  # keep personal data out of tracebacks and logs
        return f"{type(self).__name__}(...)"

    __str__ = __repr__


async def register(
    hq: Headquarters, case_id: str, collective_id: str, details: HouseholdDetails, context: CommandContext
) -> str:
    """A household of one of the case's collectives, within the households it counts (409
    beyond); returns its pseudonymous id."""
    case, _ = await hq.requisitions.load(case_id)
    if not case.exists:
        raise NotFound(f"there is no requisition case {case_id!r}", case_id=case_id)
    collective = case.collective(collective_id)
    known = await (await hq.read_models()).find(
        HOUSEHOLDS, {"case_id": case_id, "collective_id": collective_id}
    )
    if len(known) >= collective.households:
        raise Conflict(
            f"collective {collective_id} counts {collective.households} households, all registered",
            collective_id=collective_id,
        )
    household_id = f"hh-{uuid.uuid4().hex[:16]}"
    token = await hq.vault.seal(household_id, details.model_dump(include=set(PERSONAL_FIELDS)))
    command = RegisterHousehold(
        household_id=household_id,
        case_id=case_id,
        collective_id=collective_id,
        personal=token,
        registered_on=hq.today(),
    )
    await hq.households.handle(household_id, command, context)
    return household_id


async def erase(hq: Headquarters, household_id: str, context: CommandContext) -> None:
    """Records PersonalDataErased and destroys the key; 404 unknown, 409 erased already."""
    erasure = hq.households.handle(household_id, EraseHouseholdData(erased_at=hq.now()), context)
    unknown = NotFound(f"there is no household {household_id}", household_id=household_id)
    await hq.vault.erase_recorded(household_id, erasure, unknown)


async def opened(hq: Headquarters, doc: Doc) -> Doc:
    """The household with its personal data opened (None fields once erased)."""
    return await hq.vault.opened(doc, PERSONAL_FIELDS)
