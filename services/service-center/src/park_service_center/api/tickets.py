"""/tickets: support tickets (文印、晒图、后勤保障) — printing, blueprints, logistics."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from park_shared.errors import NotFound
from pydantic import BaseModel, Field

from park_service_center.api.deps import AnyStaff, CenterDep, ExpectedVersion, Officer, context_of
from park_service_center.domain.ticket import (
    AssignTicket,
    CloseTicket,
    OpenTicket,
    Ticket,
    TicketCommand,
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


class TicketAssignment(BaseModel):
    assignee: str = Field(min_length=1, max_length=200)


class TicketCompletion(BaseModel):
    note: str = Field("", max_length=2000)


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
        return cls(**ticket.model_dump(), version=version)


@router.post("", status_code=201, summary="Open a support ticket")
async def open_ticket(body: TicketCreate, center: CenterDep, who: Officer) -> TicketPublic:
    ticket_id = new_ticket_id()
    command = OpenTicket(ticket_id=ticket_id, on=center.today(), **body.model_dump())
    outcome = await center.tickets().handle(ticket_id, command, expect="new", context=context_of(who))
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
    ticket, version = await center.tickets().load(ticket_id)
    if version == 0:
        raise NotFound(f"no ticket {ticket_id}")
    return TicketPublic.of(ticket, version)


async def _act(
    center: CenterDep, ticket_id: str, command: TicketCommand, who: Officer, version: int | None
) -> TicketPublic:
    outcome = await center.tickets().handle(
        ticket_id, command, expect="existing", expected_version=version, context=context_of(who)
    )
    return TicketPublic.of(outcome.state, outcome.version)


@router.post("/{ticket_id}/assign")
async def assign(
    ticket_id: str, body: TicketAssignment, center: CenterDep, who: Officer, version: ExpectedVersion = None
) -> TicketPublic:
    return await _act(
        center, ticket_id, AssignTicket(assignee=body.assignee, on=center.today()), who, version
    )


@router.post("/{ticket_id}/done")
async def done(
    ticket_id: str, body: TicketCompletion, center: CenterDep, who: Officer, version: ExpectedVersion = None
) -> TicketPublic:
    return await _act(center, ticket_id, CloseTicket(note=body.note, on=center.today()), who, version)
