"""/offerings: share offerings (股份募集) from draft to closing, and the shareholder register."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends
from park_shared.auth import Principal
from park_shared.projections.port import Doc
from park_shared.runtime import Runtime
from park_shared.web.app import ReadModelsDep, RuntimeDep
from pydantic import BaseModel, Field

from park_industrial_co.api.deps import Manager, Staff, doc_or_404, offering_id_or_404
from park_industrial_co.api.types import Money, PositiveMoney
from park_industrial_co.application.handlers import execute
from park_industrial_co.application.ids import new_id
from park_industrial_co.application.investors import opened
from park_industrial_co.domain import offering
from park_industrial_co.domain.offering import InvestorType
from park_industrial_co.projections.investors import INVESTORS
from park_industrial_co.projections.offerings import OFFERINGS
from park_industrial_co.projections.register import SHAREHOLDERS

__all__ = ["router"]

router = APIRouter(prefix="/offerings", tags=["offerings"])

OfferingId = Annotated[str, Depends(offering_id_or_404)]


class OfferingCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    target_amount: PositiveMoney
    unit_price: PositiveMoney
    min_subscription: PositiveMoney
    max_subscription: PositiveMoney
    opens_on: date
    closes_on: date
    admitted_investor_types: list[InvestorType] = Field(min_length=1)


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


async def _act(
    runtime: Runtime, principal: Principal, offering_id: str, command: offering.OfferingCommand
) -> Doc:
    await execute(runtime, principal, offering.decider, offering_id, command)
    return await doc_or_404(runtime.read_models, OFFERINGS, offering_id, "offering")


@router.post("", status_code=201, summary="Draft an offering (ic.manager)")
async def draft(body: OfferingCreate, runtime: RuntimeDep, who: Manager) -> OfferingPublic:
    data = body.model_dump()
    data["admitted_investor_types"] = tuple(dict.fromkeys(body.admitted_investor_types))
    command = offering.DraftOffering(offering_id=new_id("off"), **data, on=runtime.today())
    await execute(runtime, who, offering.decider, command.offering_id, command, expect="new")
    doc = await doc_or_404(runtime.read_models, OFFERINGS, command.offering_id, "offering")
    return OfferingPublic.model_validate(doc)


@router.get("", summary="All offerings")
async def list_offerings(read_models: ReadModelsDep, _: Staff) -> list[OfferingPublic]:
    return [OfferingPublic.model_validate(d) for d in await read_models.find(OFFERINGS)]


@router.get("/{offering_id}", summary="One offering")
async def get_offering(offering_id: OfferingId, read_models: ReadModelsDep, _: Staff) -> OfferingPublic:
    return OfferingPublic.model_validate(await doc_or_404(read_models, OFFERINGS, offering_id, "offering"))


@router.post("/{offering_id}/open", summary="Open for subscriptions (ic.manager)")
async def open_offering(offering_id: OfferingId, runtime: RuntimeDep, who: Manager) -> OfferingPublic:
    doc = await _act(runtime, who, offering_id, offering.OpenOffering(on=runtime.today()))
    return OfferingPublic.model_validate(doc)


@router.post("/{offering_id}/close", summary="Close after the window: allot, issue shares (ic.manager)")
async def close_offering(offering_id: OfferingId, runtime: RuntimeDep, who: Manager) -> OfferingPublic:
    doc = await _act(runtime, who, offering_id, offering.CloseOffering(on=runtime.today()))
    return OfferingPublic.model_validate(doc)


@router.post("/{offering_id}/cancel", summary="Cancel; every paid subscription is refunded (ic.manager)")
async def cancel_offering(
    offering_id: OfferingId, body: OfferingCancel, runtime: RuntimeDep, who: Manager
) -> OfferingPublic:
    command = offering.CancelOffering(reason=body.reason, on=runtime.today())
    return OfferingPublic.model_validate(await _act(runtime, who, offering_id, command))


@router.get("/{offering_id}/register", summary="The shareholder register of this offering")
async def register(
    offering_id: OfferingId, read_models: ReadModelsDep, runtime: RuntimeDep, _: Staff
) -> RegisterPublic:
    doc = await doc_or_404(read_models, OFFERINGS, offering_id, "offering")
    holders = await read_models.find(SHAREHOLDERS, {"offering_id": offering_id})
    rows = []
    for h in sorted(holders, key=lambda h: (-int(h["shares"]), h["investor_id"])):
        entry = await opened(runtime, await read_models.get(INVESTORS, h["investor_id"]) or {})
        rows.append(HolderPublic(**h, **{f: entry[f] for f in ("name", "identifier_hint", "erased")}))
    shares = sum(h.shares for h in rows)
    return RegisterPublic(
        offering_id=offering_id,
        status=doc["status"],
        unit_price=doc["unit_price"],
        shares_issued=shares,
        holders=rows,
    )
