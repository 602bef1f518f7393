"""Planning cases: where each stands, who decided, escalation and appeal."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc
from pydantic import BaseModel

from park_headquarters.domain.planning_messages import (
    PlanningAppealDecided,
    PlanningCaseDecided,
    PlanningCaseEscalated,
    PlanningCaseFiled,
    PlanningDecisionAppealed,
)
from park_headquarters.projections.documents import OneDocument

__all__ = ["planning"]

COLLECTION = "planning_cases"
LATER = (PlanningCaseEscalated, PlanningCaseDecided, PlanningDecisionAppealed, PlanningAppealDecided)


def _changes(event: BaseModel, doc: Doc, record: RecordedEvent) -> Doc:
    data = event.model_dump(mode="json", exclude={"application_id"})
    if isinstance(event, PlanningCaseEscalated):
        return {"status": "escalated", "escalation": data}
    if isinstance(event, PlanningCaseDecided):
        return {"status": "decided", **data}
    if isinstance(event, PlanningDecisionAppealed):
        return {"status": "appealed", "appeal": data}
    assert isinstance(event, PlanningAppealDecided)
    appeal = {**(doc.get("appeal") or {}), **data}
    return {"status": "final", "outcome": event.final_outcome, "appeal": appeal}


def planning() -> OneDocument:
    return OneDocument(
        "planning",
        collection=COLLECTION,
        key="application_id",
        opened_by=PlanningCaseFiled,
        blank={
            "status": "filed",
            "outcome": None,
            "reasons": None,
            "decided_by": None,
            "planner_level": None,
            "decided_on": None,
            "escalation": None,
            "appeal": None,
        },
        later=LATER,
        changes=_changes,
    )
