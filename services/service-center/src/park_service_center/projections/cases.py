"""Cases as documents (the folded case state plus its current step), for lists and lookups."""

from __future__ import annotations

from typing import Any, get_args

from park_shared.events import RecordedEvent
from park_shared.projections.fold import FoldProjection

from park_service_center.domain.case_events import CaseEvent
from park_service_center.domain.case_state import Case, evolve
from park_service_center.projections.names import CASES

__all__ = ["cases_projection"]


def _extras(case: Case) -> dict[str, Any]:
    current = case.current
    return {
        "current_step": None if current is None else current.code,
        "current_step_status": None if current is None else current.status,
        "overdue_steps": [s.code for s in case.steps if s.overdue],
    }


def _key(_: CaseEvent, record: RecordedEvent) -> str:
    return record.stream_id


def cases_projection() -> FoldProjection[Case]:
    return FoldProjection("sc-cases", CASES, get_args(CaseEvent), Case(), evolve, _key, _extras)
