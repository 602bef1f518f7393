"""Supervision cases (监督): opened when a service step breaks its promised time limit (one
case per overdue step, however often it is reported) or on a complaint; assigned; closed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

from park_headquarters.domain.values import Unit

__all__ = [
    "AssignSupervisionCase",
    "CloseSupervisionCase",
    "FileComplaint",
    "OpenForOverdueStep",
    "SupervisionCaseAssigned",
    "SupervisionCaseClosed",
    "SupervisionCaseOpened",
    "SupervisionCommand",
    "SupervisionEvent",
    "SupervisionState",
    "decider",
    "overdue_case_id",
]


def overdue_case_id(case_id: str, step_code: str) -> str:
    """The one supervision case of an overdue step."""
    return f"sup-{case_id}-{step_code}"


class OpenForOverdueStep(Command):
    supervision_id: str
    case_id: str
    step_code: str
    step_name: str
    deadline: date
    enterprise_name: str
    opened_on: date
    unit: Unit = "service-center"
    """The unit that decides the overdue step: the one that broke the promise."""


class FileComplaint(Command):
    supervision_id: str
    unit: Unit
    case_id: str | None
    step_code: str | None
    description: str
    opened_on: date


class AssignSupervisionCase(Command):
    assignee: str
    assigned_on: date


class CloseSupervisionCase(Command):
    findings: str
    closed_on: date


SupervisionCommand = OpenForOverdueStep | FileComplaint | AssignSupervisionCase | CloseSupervisionCase


class SupervisionCaseOpened(Event):
    """Contract fields first; step_name, deadline, enterprise_name, description are optional
    additions (the contract allows optional fields)."""

    supervision_id: str
    cause: Literal["overdue", "complaint"]
    unit: Unit
    case_id: str | None
    step_code: str | None
    opened_on: date
    step_name: str | None = None
    deadline: date | None = None
    enterprise_name: str | None = None
    description: str | None = None


class SupervisionCaseAssigned(Event):
    supervision_id: str
    assignee: str
    assigned_on: date


class SupervisionCaseClosed(Event):
    supervision_id: str
    findings: str
    closed_on: date


SupervisionEvent = SupervisionCaseOpened | SupervisionCaseAssigned | SupervisionCaseClosed


class SupervisionState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Literal["none", "open", "assigned", "closed"] = "none"
    supervision_id: str = ""
    closed_on: date | None = None


def _open(command: OpenForOverdueStep | FileComplaint, state: SupervisionState) -> list[SupervisionEvent]:
    if isinstance(command, OpenForOverdueStep):
        if state.status != "none":
            return []  # the same overdue step again: its case is open already
        return [SupervisionCaseOpened(cause="overdue", **command.model_dump())]
    if state.status != "none":
        raise Conflict(f"supervision case {command.supervision_id} exists already")
    return [SupervisionCaseOpened(cause="complaint", **command.model_dump())]


def _open_case(state: SupervisionState) -> str:
    if state.status == "none":
        raise NotFound("there is no such supervision case")
    if state.status == "closed":
        raise Conflict(f"supervision case {state.supervision_id} was closed on {state.closed_on}")
    return state.supervision_id


def decide(command: SupervisionCommand, state: SupervisionState) -> Sequence[SupervisionEvent]:
    if isinstance(command, OpenForOverdueStep | FileComplaint):
        return _open(command, state)
    sid = _open_case(state)
    if isinstance(command, AssignSupervisionCase):
        return [SupervisionCaseAssigned(supervision_id=sid, **command.model_dump())]
    return [SupervisionCaseClosed(supervision_id=sid, **command.model_dump())]


def evolve(state: SupervisionState, event: SupervisionEvent) -> SupervisionState:
    if isinstance(event, SupervisionCaseOpened):
        return SupervisionState(status="open", supervision_id=event.supervision_id)
    if isinstance(event, SupervisionCaseAssigned):
        return state.model_copy(update={"status": "assigned"})
    return state.model_copy(update={"status": "closed", "closed_on": event.closed_on})


decider: Decider[SupervisionCommand, SupervisionState, SupervisionEvent] = Decider(
    SupervisionState(), decide, evolve
)
