"""/land-compensations: what industrial-co owes the collectives of headquarters' land requisition
cases (each signed agreement arrives by event), the raised capital earmarked for a case, and the
payments, each a posting from the case's earmarked funds to its land compensation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from park_industrial_co.api.deps import Finance, IndustrialCoDep, Staff
from park_industrial_co.api.types import PositiveMoney
from park_industrial_co.application import compensations
from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.projections.compensations import COMPENSATIONS

__all__ = ["router"]

router = APIRouter(prefix="/land-compensations", tags=["land compensation"])


class EarmarkCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: PositiveMoney


class PaymentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    collective_id: str = Field(min_length=1, description="a collective whose agreement is signed and unpaid")


class PayablePublic(BaseModel):
    amount: Decimal = Field(description="the agreement's amount, paid in full once")
    signed_on: date
    payment_id: str | None
    paid_on: date | None


class CompensationCase(BaseModel):
    case_id: str
    payables: dict[str, PayablePublic] = Field(description="by collective")
    earmarked: Decimal = Field(description="raised capital earmarked for the case")
    paid: Decimal
    left: Decimal = Field(description="earmarked, not yet paid")


class Earmarked(BaseModel):
    earmark_id: str
    case: CompensationCase


class Paid(BaseModel):
    payment_id: str
    case: CompensationCase


async def case_now(ic: IndustrialCo, case_id: str) -> CompensationCase:
    """The case's payables and funds as they are now (404 before an agreement in it is known)."""
    return CompensationCase.model_validate(await compensations.case_doc(ic, case_id))


@router.get("", summary="Land requisition cases with their payables and funds")
async def list_cases(ic: IndustrialCoDep, _: Staff) -> list[CompensationCase]:
    docs = await (await ic.read_models()).find(COMPENSATIONS)
    return sorted((CompensationCase.model_validate(d) for d in docs), key=lambda c: c.case_id)


@router.get("/{case_id}", summary="One case's payables and funds")
async def get_case(case_id: str, ic: IndustrialCoDep, _: Staff) -> CompensationCase:
    return await case_now(ic, case_id)


@router.post(
    "/{case_id}/allocations", status_code=201, summary="Earmark raised capital for the case (ic.finance)"
)
async def earmark(case_id: str, body: EarmarkCreate, ic: IndustrialCoDep, who: Finance) -> Earmarked:
    earmark_id = await compensations.earmark(ic, who.context(), case_id, body.amount)
    return Earmarked(earmark_id=earmark_id, case=await case_now(ic, case_id))


@router.post(
    "/{case_id}/payments", status_code=201, summary="Pay a collective's compensation in full (ic.finance)"
)
async def pay(case_id: str, body: PaymentCreate, ic: IndustrialCoDep, who: Finance) -> Paid:
    """From the funds earmarked for the case; headquarters records the payment by event."""
    payment_id = await compensations.pay(ic, who.context(), case_id, body.collective_id)
    return Paid(payment_id=payment_id, case=await case_now(ic, case_id))
