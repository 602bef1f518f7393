"""Invoices as documents (the folded invoice state plus its balance), and tickets likewise."""

from __future__ import annotations

from typing import Any, get_args

from park_shared.events import RecordedEvent
from park_shared.projections.fold import FoldProjection

from park_service_center.domain.invoice import Invoice, InvoiceEvent, invoice_decider
from park_service_center.domain.ticket import Ticket, TicketEvent, ticket_decider
from park_service_center.projections.names import INVOICES, TICKETS

__all__ = ["invoices_projection", "tickets_projection"]


def _balance(invoice: Invoice) -> dict[str, Any]:
    return {"balance": str(invoice.balance)}


def _stream(_: object, record: RecordedEvent) -> str:
    return record.stream_id


def invoices_projection() -> FoldProjection[Invoice]:
    return FoldProjection(
        "sc-invoices", INVOICES, get_args(InvoiceEvent), Invoice(), invoice_decider.evolve, _stream, _balance
    )


def tickets_projection() -> FoldProjection[Ticket]:
    return FoldProjection(
        "sc-tickets", TICKETS, get_args(TicketEvent), Ticket(), ticket_decider.evolve, _stream
    )
