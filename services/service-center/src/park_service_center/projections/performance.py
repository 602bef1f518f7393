"""On-time performance per step (政务公开): decisions, how many within the promise, and a
histogram of working days taken (for the median)."""

from __future__ import annotations

from typing import Any

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_service_center.domain.case_events import CaseOpened, StepApproved, StepRejected
from park_service_center.projections.names import PERFORMANCE

__all__ = ["PerformanceProjection"]


def _empty(step_code: str, step_name: str) -> dict[str, Any]:
    return {"step_code": step_code, "step_name": step_name, "decided": 0, "within_promise": 0, "days": {}}


class PerformanceProjection:
    name: str = "sc-performance"
    collections: tuple[str, ...] = (PERFORMANCE,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, CaseOpened):
            for step in event.steps:
                doc = await view.get(PERFORMANCE, step.code) or _empty(step.code, step.name)
                view.put(PERFORMANCE, step.code, {**doc, "step_name": step.name})
            return
        if not isinstance(event, StepApproved | StepRejected) or event.working_days_taken is None:
            return
        doc = await view.get(PERFORMANCE, event.step_code) or _empty(event.step_code, event.step_code)
        days = dict(doc["days"])
        taken = str(event.working_days_taken)
        days[taken] = days.get(taken, 0) + 1
        view.put(
            PERFORMANCE,
            event.step_code,
            {
                **doc,
                "decided": doc["decided"] + 1,
                "within_promise": doc["within_promise"] + bool(event.within_promise),
                "days": days,
            },
        )
