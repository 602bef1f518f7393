"""Fees (收费): invoices raised from the fee schedule and preferential policies in force,
before production when a case opens, after production when the enterprise is commissioned."""

from __future__ import annotations

from datetime import date

from park_shared.handler import CommandContext

from park_service_center.application.context import ServiceCenter
from park_service_center.application.policies import fees_in_force
from park_service_center.domain.fees import invoice_lines
from park_service_center.domain.invoice import RaiseInvoice, invoice_id_for
from park_service_center.domain.policy_terms import Phase

__all__ = ["raise_invoice"]


async def raise_invoice(
    center: ServiceCenter,
    *,
    case_id: str,
    phase: Phase,
    industry: str,
    park_id: str,
    raised_on: date,
    context: CommandContext,
) -> str | None:
    """Raises the case's one invoice for `phase` (its id is derived from case and phase);
    returns its id, or None when the schedule in force has no items for the phase."""
    fees = await fees_in_force(await center.read_models(), raised_on)
    if fees.schedule is None:
        return None
    lines = invoice_lines(fees.schedule.items, phase, fees.rules, industry, park_id)
    if not lines:
        return None
    invoice_id = invoice_id_for(case_id, phase)
    command = RaiseInvoice(
        invoice_id=invoice_id, case_id=case_id, phase=phase, lines=tuple(lines), raised_on=raised_on
    )
    await center.invoices.handle(invoice_id, command, context)
    return invoice_id
