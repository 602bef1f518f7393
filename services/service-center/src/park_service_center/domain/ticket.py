"""Support tickets (文印、晒图、后勤保障): printing, blueprint copying, logistics;
opened → assigned → done. Stream = ticket id."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

__all__ = [
    "AssignTicket",
    "CloseTicket",
    "OpenTicket",
    "Ticket",
    "TicketAssigned",
    "TicketDone",
    "TicketKind",
    "TicketOpened",
    "new_ticket_id",
    "ticket_decider",
]

TicketKind = Literal["printing", "blueprint", "logistics"]


def new_ticket_id() -> str:
    return f"ticket-{uuid.uuid4().hex}"


class OpenTicket(Command):
    ticket_id: str
    kind: TicketKind
    description: str
    case_id: str | None
    on: date


class AssignTicket(Command):
    assignee: str
    on: date


class CloseTicket(Command):
    note: str
    on: date


TicketCommand = OpenTicket | AssignTicket | CloseTicket


class TicketOpened(Event):
    ticket_id: str
    kind: TicketKind
    description: str
    case_id: str | None
    opened_on: date


class TicketAssigned(Event):
    ticket_id: str
    assignee: str
    assigned_on: date


class TicketDone(Event):
    ticket_id: str
    note: str
    done_on: date


TicketEvent = TicketOpened | TicketAssigned | TicketDone


class Ticket(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Literal["none", "opened", "assigned", "done"] = "none"
    ticket_id: str = ""
    kind: TicketKind = "printing"
    description: str = ""
    case_id: str | None = None
    assignee: str | None = None
    opened_on: date | None = None
    done_on: date | None = None
    note: str | None = None


def decide(command: TicketCommand, state: Ticket) -> Sequence[TicketEvent]:
    if isinstance(command, OpenTicket):
        if state.status != "none":
            raise Conflict(f"ticket {state.ticket_id} exists already")
        if not command.description.strip():
            raise Invalid("describe what is needed", field="description")
        return [
            TicketOpened(
                ticket_id=command.ticket_id, kind=command.kind, description=command.description,
                case_id=command.case_id, opened_on=command.on,
            )
        ]  # fmt: skip
    if state.status == "none":
        raise NotFound("no such ticket")
    if state.status == "done":
        raise Conflict(f"ticket {state.ticket_id} is done already (on {state.done_on})")
    if isinstance(command, AssignTicket):
        if not command.assignee.strip():
            raise Invalid("name the assignee", field="assignee")
        return [TicketAssigned(ticket_id=state.ticket_id, assignee=command.assignee, assigned_on=command.on)]
    if state.status != "assigned":
        raise Conflict(f"ticket {state.ticket_id} must be assigned before it is done")
    return [TicketDone(ticket_id=state.ticket_id, note=command.note, done_on=command.on)]


def evolve(state: Ticket, event: TicketEvent) -> Ticket:
    if isinstance(event, TicketOpened):
        return Ticket(status="opened", **event.model_dump())
    if isinstance(event, TicketAssigned):
        return state.model_copy(update={"status": "assigned", "assignee": event.assignee})
    return state.model_copy(update={"status": "done", "done_on": event.done_on, "note": event.note})


ticket_decider: Decider[TicketCommand, Ticket, TicketEvent] = Decider(Ticket(), decide, evolve)
