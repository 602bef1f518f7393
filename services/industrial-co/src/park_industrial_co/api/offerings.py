"""/offerings: share offerings (股份募集) from draft to closing, and the shareholder register."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter
from park_shared.auth import Principal
from park_shared.web.dates import Day
from pydantic import AfterValidator, BaseModel, Field

from park_industrial_co.api.deps import IndustrialCoDep, Manager, OfferingId, Staff
from park_industrial_co.api.types import Money, PositiveMoney
from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.application.offerings import holders
from park_industrial_co.domain import offering
from park_industrial_co.domain.offering import InvestorType
from park_industrial_co.projections.offerings import OFFERINGS

__all__ = ["router"]

router = APIRouter(prefix="/offerings", tags=["offerings"])


def _each_once(types: tuple[InvestorType, ...]) -> tuple[InvestorType, ...]:
    return tuple(dict.fromkeys(types))


class OfferingCreate(offering.Terms):
    # The terms as the API takes them: money as decimal strings, each investor type once.
    title: str = Field(min_length=1, max_length=200)
    target_amount: PositiveMoney
    unit_price: PositiveMoney
    min_subscription: PositiveMoney
    max_subscription: PositiveMoney
    admitted_investor_types: Annotated[tuple[InvestorType, ...], AfterValidator(_each_once)] = Field(
        min_length=1
    )
    opens_on: Day
    closes_on: Day


class OfferingCancel(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


class OfferingPublic(BaseModel):
    offering_id: str
    title: str
    status: str
    target_amount: Decimal
    unit_price: Decimal
    min_subscription: Decimal
    max_subscription: Decimal
    opens_on: date
    closes_on: date
    admitted_investor_types: list[InvestorType]
    subscribed_amount: Decimal
    paid_amount: Decimal
    refunded_amount: Decimal
    raised_amount: Decimal | None = None
    shares_issued: int | None = None
    holders: int | None = None
    closed_on: date | None = None
    cancelled_on: date | None = None
    reason: str | None = None


class HolderPublic(BaseModel):
    investor_id: str
    investor_type: InvestorType
    name: str | None
    identifier_hint: str | None = Field(
        description="a credit code, or an identity number's last 4 characters"
    )
    erased: bool = Field(description="the holder's personal data was erased: name and hint are null")
    shares: int
    amount: Money


class RegisterPublic(BaseModel):
    offering_id: str
    status: str
    unit_price: Decimal
    shares_issued: int
    holders: list[HolderPublic]


async def _run_on_offering(
    ic: IndustrialCo, offering_id: str, command: offering.OfferingCommand, who: Principal
) -> OfferingPublic:
    """Runs the command on the offering; the answer is the offering as the command left it."""
    doc = await ic.run_then_read(ic.offerings, offering_id, command, who.context(), collection=OFFERINGS)
    return OfferingPublic.model_validate(doc)


@router.post("", status_code=201, summary="Draft an offering (ic.manager)")
async def draft(body: OfferingCreate, ic: IndustrialCoDep, who: Manager) -> OfferingPublic:
    command = offering.DraftOffering(offering_id=ic.new_id("off"), terms=body, on=ic.today())
    return await _run_on_offering(ic, command.offering_id, command, who)


@router.get("", summary="All offerings")
async def list_offerings(ic: IndustrialCoDep, _: Staff) -> list[OfferingPublic]:
    return [OfferingPublic.model_validate(d) for d in await (await ic.read_models()).find(OFFERINGS)]


@router.get("/{offering_id}", summary="One offering")
async def get_offering(offering_id: OfferingId, ic: IndustrialCoDep, _: Staff) -> OfferingPublic:
    return OfferingPublic.model_validate(await ic.offering_doc(offering_id))


@router.post("/{offering_id}/open", summary="Open for subscriptions (ic.manager)")
async def open_offering(offering_id: OfferingId, ic: IndustrialCoDep, who: Manager) -> OfferingPublic:
    return await _run_on_offering(ic, offering_id, offering.OpenOffering(on=ic.today()), who)


@router.post("/{offering_id}/close", summary="Close after the window: allot, issue shares (ic.manager)")
async def close_offering(offering_id: OfferingId, ic: IndustrialCoDep, who: Manager) -> OfferingPublic:
    return await _run_on_offering(ic, offering_id, offering.CloseOffering(on=ic.today()), who)


@router.post("/{offering_id}/cancel", summary="Cancel; every paid subscription is refunded (ic.manager)")
async def cancel_offering(
    offering_id: OfferingId, body: OfferingCancel, ic: IndustrialCoDep, who: Manager
) -> OfferingPublic:
    return await _run_on_offering(
        ic, offering_id, offering.CancelOffering(reason=body.reason, on=ic.today()), who
    )


@router.get("/{offering_id}/register", summary="The shareholder register of this offering")
async def register(offering_id: OfferingId, ic: IndustrialCoDep, _: Staff) -> RegisterPublic:
    doc = await ic.offering_doc(offering_id)
    rows = [HolderPublic.model_validate(h) for h in await holders(ic, offering_id)]
    return RegisterPublic(
        offering_id=offering_id,
        status=doc["status"],
        unit_price=doc["unit_price"],
        shares_issued=sum(h.shares for h in rows),
        holders=rows,
    )
