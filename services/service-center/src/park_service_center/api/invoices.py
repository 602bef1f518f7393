"""/invoices: fees raised from HQ's schedule; payments (cashier) and waivers (head)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from park_service_center.api.deps import AnyStaff, Cashier, CenterDep, ExpectedVersion, Head
from park_service_center.domain.fees import InvoiceLine
from park_service_center.domain.invoice import Invoice, ReceivePayment, WaiveFee
from park_service_center.domain.money import PositiveMoney
from park_service_center.domain.policy_terms import Phase
from park_service_center.projections.names import INVOICES

__all__ = ["InvoicePublic", "PaymentCreate", "WaiverCreate", "router"]

router = APIRouter(prefix="/invoices", tags=["invoices"])


class InvoicePublic(BaseModel):
    invoice_id: str
    case_id: str
    phase: Phase
    status: str
    lines: list[InvoiceLine]
    total_due: Decimal
    paid: Decimal
    waived: Decimal
    balance: Decimal
    version: int

    @classmethod
    def of(cls, invoice: Invoice, version: int) -> InvoicePublic:
        return cls(
            invoice_id=invoice.invoice_id, case_id=invoice.case_id, phase=invoice.phase,
            status=invoice.status, lines=list(invoice.lines), total_due=invoice.total_due,
            paid=invoice.paid, waived=invoice.waived, balance=invoice.balance, version=version,
        )  # fmt: skip


class PaymentCreate(BaseModel):
    amount: PositiveMoney


class WaiverCreate(BaseModel):
    amount: PositiveMoney | None = Field(None, description="Omit to waive the whole balance")
    reason: str = Field(min_length=1, max_length=1000)


@router.get("", summary="Invoices, optionally of one case")
async def list_invoices(
    center: CenterDep, _: AnyStaff, case_id: Annotated[str | None, Query()] = None
) -> list[InvoicePublic]:
    where = {} if case_id is None else {"case_id": case_id}
    docs = await (await center.read_models()).find(INVOICES, where=where)
    return [InvoicePublic.of(Invoice.model_validate(d), d["version"]) for d in docs]


@router.get("/{invoice_id}")
async def get_invoice(invoice_id: str, center: CenterDep, _: AnyStaff) -> InvoicePublic:
    return InvoicePublic.of(*await center.existing(center.invoices, invoice_id, "invoice"))


@router.post("/{invoice_id}/payments", summary="Record a payment (partial allowed, never above the balance)")
async def pay(
    invoice_id: str, body: PaymentCreate, center: CenterDep, who: Cashier, version: ExpectedVersion = None
) -> InvoicePublic:
    command = ReceivePayment(amount=body.amount, paid_on=center.today())
    outcome = await center.invoices.handle(invoice_id, command, who.context(), expected_version=version)
    return InvoicePublic.of(outcome.state, outcome.version)


@router.post("/{invoice_id}/waivers", summary="Waive part or all of the balance, with a reason (head)")
async def waive(
    invoice_id: str, body: WaiverCreate, center: CenterDep, who: Head, version: ExpectedVersion = None
) -> InvoicePublic:
    command = WaiveFee(amount=body.amount, reason=body.reason, waived_on=center.today())
    outcome = await center.invoices.handle(invoice_id, command, who.context(), expected_version=version)
    return InvoicePublic.of(outcome.state, outcome.version)
