"""/investors: an investor's register details (null once erased), and the erasure of a private
individual's personal data (crypto-shredding). Investors are named by pseudonymous id only."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter
from park_shared.errors import NotFound
from pydantic import BaseModel, Field

from park_industrial_co.api.deps import IndustrialCoDep, Manager, Staff
from park_industrial_co.application import investors
from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.domain.offering import InvestorType
from park_industrial_co.projections.investors import INVESTORS

__all__ = ["router"]

router = APIRouter(prefix="/investors", tags=["investors"])


class InvestorPublic(BaseModel):
    investor_id: str = Field(description="pseudonymous")
    investor_type: InvestorType
    name: str | None
    identifier_hint: str | None = Field(
        description="a credit code, or an identity number's last 4 characters"
    )
    identified_on: date
    erased: bool
    erased_at: datetime | None = None


async def _one(ic: IndustrialCo, investor_id: str) -> InvestorPublic:
    doc = await ic.doc(INVESTORS, investor_id)
    if doc is None:
        raise NotFound(f"there is no investor {investor_id}")
    return InvestorPublic.model_validate(await investors.opened(ic, doc))


@router.get("/{investor_id}", summary="An investor's register details (null once erased)")
async def get_investor(investor_id: str, ic: IndustrialCoDep, _: Staff) -> InvestorPublic:
    return await _one(ic, investor_id)


@router.post(
    "/{investor_id}/erasure",
    summary="Erase a private investor's personal data (ic.manager)",
    responses={
        404: {"description": "no such investor"},
        409: {"description": "erased already, or an enterprise"},
    },
)
async def erase(investor_id: str, ic: IndustrialCoDep, who: Manager) -> InvestorPublic:
    """Destroys the investor's key and records PersonalDataErased (without the data): the name
    and identity-number hint become unreadable in every event and read model; the pseudonymous
    investor id stays on subscriptions and the register. A second erasure is a 409 naming when
    the first happened; an enterprise's register entry is not personal data (409)."""
    await investors.erase(ic, who.context(), investor_id)
    return await _one(ic, investor_id)
