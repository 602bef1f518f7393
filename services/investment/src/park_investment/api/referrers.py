"""/referrers: referrers and their personal data, for inv.officer only. Leads and events
name a referrer only by its pseudonymous referrer_id."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from park_shared.errors import NotFound
from pydantic import BaseModel, Field, ValidationInfo, field_validator

from park_investment.api.deps import InvestmentDep, Officer
from park_investment.api.schemas import ReferrerOfficer
from park_investment.application.referrers import ReferrerKind, ReferrerRecord

__all__ = ["router"]

router = APIRouter(prefix="/referrers", tags=["referrers"])


class ReferrerCreate(BaseModel):
    """enterprise (商企招商: an existing investor); department, overseas_chinese, staff,
    staff_relative (全员招商; a relative names the relation to the staff member)."""

    kind: ReferrerKind
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


@router.post("", status_code=201, summary="Enrol a referrer; returns its pseudonymous id")
async def enrol(body: ReferrerCreate, inv: InvestmentDep, officer: Officer) -> ReferrerOfficer:
    record = ReferrerRecord(
        referrer_id=f"ref-{uuid.uuid4().hex[:16]}",
        enrolled_on=inv.today().isoformat(),
        **body.model_dump(),
    )
    await inv.referrers.save(record)
    return ReferrerOfficer.of(record)


@router.get("", summary="All referrers, with personal data")
async def list_referrers(inv: InvestmentDep, officer: Officer) -> list[ReferrerOfficer]:
    return [ReferrerOfficer.of(r) for r in await inv.referrers.all()]


@router.get("/{referrer_id}", summary="One referrer, with personal data")
async def get_referrer(referrer_id: str, inv: InvestmentDep, officer: Officer) -> ReferrerOfficer:
    record = await inv.referrers.get(referrer_id)
    if record is None:
        raise NotFound(f"there is no referrer {referrer_id}", referrer_id=referrer_id)
    return ReferrerOfficer.of(record)
