"""The vocabulary of planning cases: commands and events."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from park_shared.command import Command
from park_shared.events import Event
from pydantic import BaseModel

from park_headquarters.domain.values import PlannedUse

__all__ = [
    "AppealDecision",
    "Authority",
    "CaseKind",
    "DecideAppeal",
    "DecideCase",
    "EscalateCase",
    "FilePlanningCase",
    "Outcome",
    "PlanningAppealDecided",
    "PlanningCaseDecided",
    "PlanningCaseEscalated",
    "PlanningCaseFiled",
    "PlanningCommand",
    "PlanningDecisionAppealed",
    "PlanningEvent",
]

CaseKind = Literal["application", "violation"]
Outcome = Literal["approved", "refused", "sanctioned", "dismissed"]


class Authority(BaseModel):
    """Who decides: the head, or a planner of a level with that level's limits (None: none)."""

    role: Literal["head", "planner"]
    level: int = 0
    floor_area_limit_m2: int | None = None
    height_limit_m: Decimal | None = None


class FilePlanningCase(Command):
    application_id: str
    kind: CaseKind
    parcel_id: str
    applicant: str
    use: PlannedUse
    floor_area_m2: int
    height_m: Decimal
    description: str
    filed_on: date


class EscalateCase(Command):
    reason: str
    escalated_on: date


class DecideCase(Command):
    outcome: Outcome
    reasons: str
    authority: Authority
    decided_on: date


class AppealDecision(Command):
    grounds: str
    appealed_on: date


class DecideAppeal(Command):
    appeal_outcome: Literal["upheld", "overturned"]
    reasons: str
    authority: Authority
    decided_on: date


PlanningCommand = FilePlanningCase | EscalateCase | DecideCase | AppealDecision | DecideAppeal


class PlanningCaseFiled(FilePlanningCase, Event):
    pass


class PlanningCaseEscalated(Event):
    application_id: str
    reason: str
    escalated_on: date


class PlanningCaseDecided(Event):
    application_id: str
    outcome: Outcome
    reasons: str
    decided_by: Literal["head", "planner"]
    planner_level: int | None
    decided_on: date


class PlanningDecisionAppealed(Event):
    application_id: str
    grounds: str
    appealed_on: date


class PlanningAppealDecided(Event):
    application_id: str
    appeal_outcome: Literal["upheld", "overturned"]
    final_outcome: Outcome
    reasons: str
    decided_on: date


PlanningEvent = (
    PlanningCaseFiled
    | PlanningCaseEscalated
    | PlanningCaseDecided
    | PlanningDecisionAppealed
    | PlanningAppealDecided
)
