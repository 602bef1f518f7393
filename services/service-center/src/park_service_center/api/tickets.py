"""/tickets: support tickets (文印、晒图、后勤保障) — printing, blueprints, logistics."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from park_shared.auth import Principal
from pydantic import BaseModel, Field

from park_service_center.api.deps import AnyStaff, CenterDep, ExpectedVersion, Officer
from park_service_center.application.context import ServiceCenter
from park_service_center.domain.ticket import (
    AssignTicket,
    CloseTicket,
    OpenTicket,
    Ticket,
    TicketKind,
    new_ticket_id,
)
from park_service_center.projections.names import TICKETS

__all__ = ["TicketCreate", "TicketPublic", "router"]

router = APIRouter(prefix="/tickets", tags=["tickets"])


class TicketCreate(BaseModel):
    kind: TicketKind
    description: str = Field(min_length=1, max_length=2000)
    case_id: str | None = None

    def command(self, ticket_id: str, on: date) -> OpenTicket:
        return OpenTicket(
            ticket_id=ticket_id, kind=self.kind, description=self.description, case_id=self.case_id, on=on
        )


class TicketAssignment(BaseModel):
    assignee: str = Field(min_length=1, max_length=200)

    def command(self, on: date) -> AssignTicket:
        return AssignTicket(assignee=self.assignee, on=on)


class TicketCompletion(BaseModel):
    note: str = Field("", max_length=2000)

    def command(self, on: date) -> CloseTicket:
        return CloseTicket(note=self.note, on=on)


class TicketPublic(BaseModel):
    ticket_id: str
    kind: TicketKind
    status: str
    description: str
    case_id: str | None
    assignee: str | None
    opened_on: date | None
    done_on: date | None
    note: str | None
    version: int

    @classmethod
    def of(cls, ticket: Ticket, version: int) -> TicketPublic:
        return cls(
            ticket_id=ticket.ticket_id, kind=ticket.kind, status=ticket.status,
            description=ticket.description, case_id=ticket.case_id, assignee=ticket.assignee,
            opened_on=ticket.opened_on, done_on=ticket.done_on, note=ticket.note, version=version,
        )  # fmt: skip


@router.post("", status_code=201, summary="Open a support ticket")
async def open_ticket(body: TicketCreate, center: CenterDep, who: Officer) -> TicketPublic:
    ticket_id = new_ticket_id()
    outcome = await center.tickets.handle(ticket_id, body.command(ticket_id, center.today()), who.context())
    return TicketPublic.of(outcome.state, outcome.version)


@router.get("", summary="Support tickets")
async def list_tickets(
    center: CenterDep, _: AnyStaff, status: Annotated[str | None, Query()] = None
) -> list[TicketPublic]:
    where = {} if status is None else {"status": status}
    docs = await (await center.read_models()).find(TICKETS, where=where)
    return [TicketPublic.of(Ticket.model_validate(d), d["version"]) for d in docs]


@router.get("/{ticket_id}")
async def get_ticket(ticket_id: str, center: CenterDep, _: AnyStaff) -> TicketPublic:
    return TicketPublic.of(*await center.existing(center.tickets, ticket_id, "ticket"))


async def _act(
    body: TicketAssignment | TicketCompletion,
    ticket_id: str,
    center: ServiceCenter,
    who: Principal,
    version: int | None,
) -> TicketPublic:
    """The body's command on the ticket; the answer is the ticket as it left it."""
    command = body.command(center.today())
    outcome = await center.tickets.handle(ticket_id, command, who.context(), expected_version=version)
    return TicketPublic.of(outcome.state, outcome.version)


@router.post("/{ticket_id}/assign")
async def assign(
    ticket_id: str, body: TicketAssignment, center: CenterDep, who: Officer, version: ExpectedVersion = None
) -> TicketPublic:
    return await _act(body, ticket_id, center, who, version)


@router.post("/{ticket_id}/done")
async def done(
    ticket_id: str, body: TicketCompletion, center: CenterDep, who: Officer, version: ExpectedVersion = None
) -> TicketPublic:
    return await _act(body, ticket_id, center, who, version)
