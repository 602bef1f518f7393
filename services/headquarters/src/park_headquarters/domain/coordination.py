"""Coordination matters (协商): parties, an agenda, meetings, resolutions, closing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

__all__ = [
    "AdoptResolution",
    "CloseMatter",
    "CoordinationCommand",
    "CoordinationEvent",
    "CoordinationMatterClosed",
    "CoordinationMatterOpened",
    "CoordinationMeetingHeld",
    "CoordinationResolutionAdopted",
    "CoordinationState",
    "HoldMeeting",
    "OpenMatter",
    "Party",
    "decider",
]

PartyKind = Literal["government_department", "township", "village", "enterprise", "other_park"]


class Party(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: PartyKind
    name: str


class OpenMatter(Command):
    matter_id: str
    title: str
    parties: list[Party]
    agenda: list[str]
    opened_on: date


class HoldMeeting(Command):
    meeting_id: str
    held_on: date
    attendees: list[str]
    minutes: str


class AdoptResolution(Command):
    resolution_id: str
    meeting_id: str
    text: str
    responsible_party: str | None
    due_on: date | None


class CloseMatter(Command):
    outcome: str
    closed_on: date


CoordinationCommand = OpenMatter | HoldMeeting | AdoptResolution | CloseMatter


class CoordinationMatterOpened(OpenMatter, Event):
    pass


class CoordinationMeetingHeld(HoldMeeting, Event):
    matter_id: str


class CoordinationResolutionAdopted(AdoptResolution, Event):
    matter_id: str


class CoordinationMatterClosed(CloseMatter, Event):
    matter_id: str


CoordinationEvent = (
    CoordinationMatterOpened
    | CoordinationMeetingHeld
    | CoordinationResolutionAdopted
    | CoordinationMatterClosed
)


class CoordinationState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Literal["none", "open", "closed"] = "none"
    matter_id: str = ""
    parties: tuple[str, ...] = ()
    meetings: tuple[str, ...] = ()
    closed_on: date | None = None


def _open(c: OpenMatter, state: CoordinationState) -> list[CoordinationEvent]:
    if state.status != "none":
        raise Conflict(f"coordination matter {c.matter_id} exists already")
    names = [p.name for p in c.parties]
    if len(set(names)) != len(names):
        raise Invalid("each party is named once", field="parties")
    return [CoordinationMatterOpened(**c.model_dump())]


def _meeting(c: HoldMeeting, state: CoordinationState) -> list[CoordinationEvent]:
    strangers = sorted(set(c.attendees) - set(state.parties))
    if strangers:
        raise Invalid(f"not parties to this matter: {', '.join(strangers)}", field="attendees")
    return [CoordinationMeetingHeld(matter_id=state.matter_id, **c.model_dump())]


def _resolution(c: AdoptResolution, state: CoordinationState) -> list[CoordinationEvent]:
    if c.meeting_id not in state.meetings:
        raise Invalid(f"no meeting {c.meeting_id!r} was held on this matter", field="meeting_id")
    if c.responsible_party is not None and c.responsible_party not in state.parties:
        raise Invalid(f"{c.responsible_party!r} is not a party", field="responsible_party")
    return [CoordinationResolutionAdopted(matter_id=state.matter_id, **c.model_dump())]


def decide(command: CoordinationCommand, state: CoordinationState) -> Sequence[CoordinationEvent]:
    if isinstance(command, OpenMatter):
        return _open(command, state)
    if state.status == "none":
        raise NotFound("there is no such coordination matter")
    if state.status == "closed":
        raise Conflict(f"coordination matter {state.matter_id} was closed on {state.closed_on}")
    if isinstance(command, HoldMeeting):
        return _meeting(command, state)
    if isinstance(command, AdoptResolution):
        return _resolution(command, state)
    return [CoordinationMatterClosed(matter_id=state.matter_id, **command.model_dump())]


def evolve(state: CoordinationState, event: CoordinationEvent) -> CoordinationState:
    if isinstance(event, CoordinationMatterOpened):
        parties = tuple(p.name for p in event.parties)
        return CoordinationState(status="open", matter_id=event.matter_id, parties=parties)
    if isinstance(event, CoordinationMeetingHeld):
        return state.model_copy(update={"meetings": (*state.meetings, event.meeting_id)})
    if isinstance(event, CoordinationResolutionAdopted):
        return state
    return state.model_copy(update={"status": "closed", "closed_on": event.closed_on})


decider: Decider[CoordinationCommand, CoordinationState, CoordinationEvent] = Decider(
    CoordinationState(), decide, evolve
)
