"""The invoice aggregate (stream = invoice id `invoice-<case_id>-<phase>`: one per case and
phase): raised from the fee schedule, paid in parts, never above its balance, waived by the head."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict, Field

from park_service_center.domain.fees import InvoiceLine
from park_service_center.domain.money import Money
from park_service_center.domain.policy_terms import Phase

__all__ = [
    "FeeWaived",
    "Invoice",
    "InvoiceCommand",
    "InvoiceEvent",
    "InvoiceRaised",
    "PaymentReceived",
    "RaiseInvoice",
    "ReceivePayment",
    "WaiveFee",
    "invoice_decider",
    "invoice_id_for",
]


def invoice_id_for(case_id: str, phase: Phase) -> str:
    return f"invoice-{case_id}-{phase.replace('_', '-')}"


class RaiseInvoice(Command):
    invoice_id: str
    case_id: str
    phase: Phase
    lines: tuple[InvoiceLine, ...]
    raised_on: date


class ReceivePayment(Command):
    amount: Money = Field(gt=0)
    paid_on: date


class WaiveFee(Command):
    amount: Money | None = Field(default=None, gt=0)
    """None waives the whole balance."""
    reason: str = Field(min_length=1)
    waived_on: date


InvoiceCommand = RaiseInvoice | ReceivePayment | WaiveFee


class InvoiceRaised(Event):
    invoice_id: str
    case_id: str
    phase: Phase
    lines: tuple[InvoiceLine, ...]
    total_due: Money
    raised_on: date | None = None


class PaymentReceived(Event):
    invoice_id: str
    case_id: str
    amount: Money
    paid_on: date


class FeeWaived(Event):
    invoice_id: str
    case_id: str
    amount: Money
    reason: str
    waived_on: date


InvoiceEvent = InvoiceRaised | PaymentReceived | FeeWaived


class Invoice(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Literal["none", "open", "settled"] = "none"
    invoice_id: str = ""
    case_id: str = ""
    phase: Phase = "before_production"
    lines: tuple[InvoiceLine, ...] = ()
    total_due: Money = Decimal("0.00")
    paid: Money = Decimal("0.00")
    waived: Money = Decimal("0.00")

    @property
    def balance(self) -> Decimal:
        return self.total_due - self.paid - self.waived


def decide(command: InvoiceCommand, state: Invoice) -> Sequence[InvoiceEvent]:
    if isinstance(command, RaiseInvoice):
        if state.status != "none":
            return []
        total = sum((line.due for line in command.lines), Decimal("0.00"))
        return [
            InvoiceRaised(
                invoice_id=command.invoice_id, case_id=command.case_id, phase=command.phase,
                lines=command.lines, total_due=total, raised_on=command.raised_on,
            )
        ]  # fmt: skip
    if state.status == "none":
        raise NotFound("no such invoice")
    if isinstance(command, ReceivePayment):
        _within_balance(state, command.amount, "a payment")
        return [
            PaymentReceived(
                invoice_id=state.invoice_id, case_id=state.case_id, amount=command.amount,
                paid_on=command.paid_on,
            )
        ]  # fmt: skip
    amount = state.balance if command.amount is None else command.amount
    if amount <= 0:
        raise Conflict(f"invoice {state.invoice_id} has nothing left to waive", balance=str(state.balance))
    _within_balance(state, amount, "a waiver")
    return [
        FeeWaived(
            invoice_id=state.invoice_id,
            case_id=state.case_id,
            amount=amount,
            reason=command.reason,
            waived_on=command.waived_on,
        )
    ]


def _within_balance(state: Invoice, amount: Decimal, what: str) -> None:
    if amount > state.balance:
        raise Conflict(
            f"{what} of {amount} exceeds the balance {state.balance} of invoice {state.invoice_id}",
            balance=str(state.balance),
        )


def evolve(state: Invoice, event: InvoiceEvent) -> Invoice:
    if isinstance(event, InvoiceRaised):
        state = Invoice(
            status="open",
            invoice_id=event.invoice_id,
            case_id=event.case_id,
            phase=event.phase,
            lines=event.lines,
            total_due=event.total_due,
        )
    elif isinstance(event, PaymentReceived):
        state = state.model_copy(update={"paid": state.paid + event.amount})
    else:
        state = state.model_copy(update={"waived": state.waived + event.amount})
    return state.model_copy(update={"status": "settled" if state.balance <= 0 else "open"})


invoice_decider: Decider[InvoiceCommand, Invoice, InvoiceEvent] = Decider(Invoice(), decide, evolve)
