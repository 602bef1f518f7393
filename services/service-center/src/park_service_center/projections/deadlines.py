"""The timer table of the overdue scheduler: one document per step whose clock runs (or
whose deadline passed before it was decided or returned) and that is not flagged yet."""

from __future__ import annotations

from datetime import date

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_service_center.domain.case_events import (
    StepAccepted,
    StepApproved,
    StepOverdue,
    StepRejected,
    StepReturned,
)
from park_service_center.projections.names import DEADLINES

__all__ = ["DeadlinesProjection"]


class DeadlinesProjection:
    name: str = "sc-deadlines"
    collections: tuple[str, ...] = (DEADLINES,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if not isinstance(event, StepAccepted | StepApproved | StepRejected | StepReturned | StepOverdue):
            return
        key = f"{event.case_id}:{event.step_code}"
        if isinstance(event, StepAccepted):
            doc = {
                "case_id": event.case_id,
                "step_code": event.step_code,
                "deadline": event.deadline.isoformat(),
            }
            view.put(DEADLINES, key, doc)
            return
        if isinstance(event, StepOverdue):
            view.delete(DEADLINES, key)
            return
        watched = await view.get(DEADLINES, key)
        if watched is not None and event.on <= date.fromisoformat(watched["deadline"]):
            view.delete(DEADLINES, key)
