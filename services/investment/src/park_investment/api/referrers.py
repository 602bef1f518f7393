"""/referrers: referrers and their personal data, for inv.officer only. Leads and events
name a referrer only by its pseudonymous referrer_id; the personal data is sealed under the
referrer's own key and opened per response, so an erasure makes it unreadable everywhere."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import Field, ValidationInfo, field_validator

from park_investment.api.deps import InvestmentDep, Officer
from park_investment.api.schemas import ReferrerOfficer
from park_investment.application.context import Investment
from park_investment.application.referrers import ReferrerDetails, enrol_referrer, erase_referrer
from park_investment.projections.referrers import REFERRERS

__all__ = ["router"]

router = APIRouter(prefix="/referrers", tags=["referrers"])


class ReferrerCreate(ReferrerDetails):
    """enterprise (商企招商: an existing investor); department, overseas_chinese, staff,
    staff_relative (全员招商; a relative names the relation to the staff member)."""

    name: str = Field(min_length=1, max_length=100)
    phone: str = Field(pattern=r"^\+?[0-9][0-9 -]{4,19}$")
    organisation: str | None = Field(None, max_length=200)
    relation: str | None = Field(None, max_length=100, validate_default=True)

    @field_validator("relation")
    @classmethod
    def _relation_for_relatives(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and info.data.get("kind") == "staff_relative":
            raise ValueError("a staff member's relative needs the relation to the staff member")
        return value


async def _referrer(inv: Investment, referrer_id: str) -> ReferrerOfficer:
    doc = await inv.found(
        REFERRERS, referrer_id, f"there is no referrer {referrer_id}", referrer_id=referrer_id
    )
    return ReferrerOfficer.model_validate(await inv.opened(doc))


@router.post("", status_code=201, summary="Enrol a referrer; returns its pseudonymous id")
async def enrol(body: ReferrerCreate, inv: InvestmentDep, officer: Officer) -> ReferrerOfficer:
    return await _referrer(inv, await enrol_referrer(inv, body, officer.context()))


@router.get("", summary="All referrers, with personal data (null once erased)")
async def list_referrers(inv: InvestmentDep, officer: Officer) -> list[ReferrerOfficer]:
    docs = await (await inv.read_models()).find(REFERRERS)
    return [ReferrerOfficer.model_validate(await inv.opened(d)) for d in docs]


@router.get("/{referrer_id}", summary="One referrer, with personal data (null once erased)")
async def get_referrer(referrer_id: str, inv: InvestmentDep, officer: Officer) -> ReferrerOfficer:
    return await _referrer(inv, referrer_id)


@router.post(
    "/{referrer_id}/erasure",
    summary="Erase a referrer's personal data (crypto-shredding)",
    responses={404: {"description": "no such referrer"}, 409: {"description": "erased already"}},
)
async def erase(referrer_id: str, inv: InvestmentDep, officer: Officer) -> ReferrerOfficer:
    """Destroys the referrer's key and records PersonalDataErased (without the data): its name,
    phone, relation and organisation become unreadable in every event and read model. The
    pseudonymous referrer_id stays on leads and rewards. A second erasure is a 409 naming
    when the first one happened (nothing changes)."""
    await erase_referrer(inv, referrer_id, officer.context())
    return await _referrer(inv, referrer_id)
