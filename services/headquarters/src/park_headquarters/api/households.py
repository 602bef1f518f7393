"""/land-requisitions/{case_id}/households: the households of a requisition case and their
personal data (the head of household's name and identity number), for HQ officials and the
head only. The case and the events count households and name each only by its pseudonymous
household_id; the personal data is sealed under the household's own key and opened per
response, so an erasure makes it unreadable everywhere."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter
from park_shared.errors import NotFound
from park_shared.identifiers import is_identity_number
from pydantic import BaseModel, Field, field_validator

from park_headquarters.api.deps import HeadquartersDep, OfficialOrHead
from park_headquarters.application import households
from park_headquarters.application.context import Headquarters
from park_headquarters.application.households import HouseholdDetails
from park_headquarters.projections.households import HOUSEHOLDS

__all__ = ["router"]

router = APIRouter(prefix="/land-requisitions/{case_id}/households", tags=["land requisition"])


class HouseholdCreate(HouseholdDetails):
    collective_id: str = Field(min_length=1)
    name: str = Field(min_length=1, max_length=100, description="the head of household (户主)")
    identity_number: str = Field(repr=False, description="居民身份证号码 (18 characters, check digit)")

    @field_validator("identity_number")
    @classmethod
    def _valid(cls, value: str) -> str:
        if not is_identity_number(value.upper()):
            raise ValueError("an 18-character resident identity number with a valid check character")
        return value.upper()


class HouseholdOfficial(BaseModel):
    household_id: str
    case_id: str
    collective_id: str
    registered_on: date
    name: str | None = Field(description="null once erased")
    identity_number: str | None = Field(description="null once erased")
    erased: bool
    erased_at: datetime | None


async def _household(hq: Headquarters, case_id: str, household_id: str) -> HouseholdOfficial:
    doc = await hq.found(
        HOUSEHOLDS, household_id, f"there is no household {household_id}", household_id=household_id
    )
    if doc["case_id"] != case_id:
        raise NotFound(f"case {case_id} has no household {household_id}", household_id=household_id)
    return HouseholdOfficial.model_validate(await households.opened(hq, doc))


@router.post("", status_code=201, summary="Register a household; returns its pseudonymous id")
async def register_household(
    case_id: str, body: HouseholdCreate, hq: HeadquartersDep, who: OfficialOrHead
) -> HouseholdOfficial:
    details = HouseholdDetails(name=body.name.strip(), identity_number=body.identity_number)
    household_id = await households.register(hq, case_id, body.collective_id, details, who.context())
    return await _household(hq, case_id, household_id)


@router.get("", summary="The case's households, with personal data (null once erased)")
async def list_households(case_id: str, hq: HeadquartersDep, who: OfficialOrHead) -> list[HouseholdOfficial]:
    docs = await (await hq.read_models()).find(HOUSEHOLDS, {"case_id": case_id})
    return [HouseholdOfficial.model_validate(await households.opened(hq, d)) for d in docs]


@router.get("/{household_id}", summary="One household, with personal data (null once erased)")
async def get_household(
    case_id: str, household_id: str, hq: HeadquartersDep, who: OfficialOrHead
) -> HouseholdOfficial:
    return await _household(hq, case_id, household_id)


@router.post(
    "/{household_id}/erasure",
    summary="Erase a household's personal data (crypto-shredding)",
    responses={404: {"description": "no such household"}, 409: {"description": "erased already"}},
)
async def erase_household(
    case_id: str, household_id: str, hq: HeadquartersDep, who: OfficialOrHead
) -> HouseholdOfficial:
    """Destroys the household's key and records PersonalDataErased (without the data): its name
    and identity number become unreadable in every event and read model. A second erasure is a
    409 naming when the first one happened (nothing changes)."""
    await _household(hq, case_id, household_id)
    await households.erase(hq, household_id, who.context())
    return await _household(hq, case_id, household_id)
