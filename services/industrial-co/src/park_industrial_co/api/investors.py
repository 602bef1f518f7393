"""/investors: an investor's register details (null once erased), and the erasure of a private
individual's personal data (crypto-shredding). Investors are named by pseudonymous id only."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter
from park_shared.application import Application
from park_shared.errors import NotFound
from park_shared.runtime import Runtime
from park_shared.web.app import RuntimeDep
from pydantic import BaseModel, Field

from park_industrial_co.api.deps import Manager, Staff
from park_industrial_co.application.investors import erase_investor, opened
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


async def _one(runtime: Runtime, investor_id: str) -> InvestorPublic:
    doc = await Application(runtime).doc(INVESTORS, investor_id)
    if doc is None:
        raise NotFound(f"there is no investor {investor_id}")
    return InvestorPublic.model_validate(await opened(runtime, doc))


@router.get("/{investor_id}", summary="An investor's register details (null once erased)")
async def get_investor(investor_id: str, runtime: RuntimeDep, _: Staff) -> InvestorPublic:
    return await _one(runtime, investor_id)


@router.post(
    "/{investor_id}/erasure",
    summary="Erase a private investor's personal data (ic.manager)",
    responses={
        404: {"description": "no such investor"},
        409: {"description": "erased already, or an enterprise"},
    },
)
async def erase(investor_id: str, runtime: RuntimeDep, who: Manager) -> InvestorPublic:
    """Destroys the investor's key and records PersonalDataErased (without the data): the name
    and identity-number hint become unreadable in every event and read model; the pseudonymous
    investor id stays on subscriptions and the register. A second erasure is a 409 naming when
    the first happened; an enterprise's register entry is not personal data (409)."""
    await erase_investor(runtime, who, investor_id)
    return await _one(runtime, investor_id)
