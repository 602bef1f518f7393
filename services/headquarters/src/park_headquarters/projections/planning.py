"""Planning cases: where each stands, who decided, escalation and appeal."""

from __future__ import annotations

from typing import Any

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_headquarters.domain.planning_messages import (
    PlanningAppealDecided,
    PlanningCaseDecided,
    PlanningCaseEscalated,
    PlanningCaseFiled,
    PlanningDecisionAppealed,
)

__all__ = ["PlanningProjection"]

COLLECTION = "planning_cases"
LATER = (PlanningCaseEscalated, PlanningCaseDecided, PlanningDecisionAppealed, PlanningAppealDecided)


def _changes(event: BaseModel, doc: dict[str, Any]) -> dict[str, Any]:
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


class PlanningProjection:
    name: str = "planning"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, PlanningCaseFiled):
            doc: dict[str, Any] = {
                **event.model_dump(mode="json"),
                "status": "filed",
                "outcome": None,
                "reasons": None,
                "decided_by": None,
                "planner_level": None,
                "decided_on": None,
                "escalation": None,
                "appeal": None,
            }
            view.put(COLLECTION, event.application_id, doc)
            return
        if not isinstance(event, LATER):
            return
        found = await view.get(COLLECTION, event.application_id)
        if found is not None:
            view.put(COLLECTION, event.application_id, {**found, **_changes(event, found)})
