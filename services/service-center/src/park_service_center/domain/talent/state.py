"""The talent application's state, its stream (one per person and category) and `evolve`, which
never raises."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from park_service_center.domain.talent.events import (
    ApplicationApproved,
    ApplicationRejected,
    InstalmentPaid,
    SubsidyApplied,
    TalentDecisionOverdue,
    TalentEvent,
)
from park_service_center.domain.talent.terms import Instalment, TalentCategoryTerms

__all__ = ["TalentState", "evolve", "stream_key"]


def stream_key(person_key: str, category: str) -> str:
    return f"{person_key}-{category}"


class TalentState(BaseModel):
    """The person's applications in one category: the current one, and how many before it."""

    model_config = ConfigDict(frozen=True)

    application_id: str = ""
    status: Literal["none", "pending", "approved", "rejected"] = "none"
    category: str = ""
    park_id: str = ""
    enterprise_id: str = ""
    applied_on: date | None = None
    terms: TalentCategoryTerms | None = None
    deadline: date | None = None
    overdue: bool = False
    plan: tuple[Instalment, ...] = ()
    paid: int = 0


def evolve(state: TalentState, event: TalentEvent) -> TalentState:
    match event:
        case SubsidyApplied():
            return TalentState(
                application_id=event.application_id,
                status="pending",
                category=event.category,
                park_id=event.park_id,
                enterprise_id=event.enterprise_id,
                applied_on=event.applied_on,
                terms=event.terms,
                deadline=event.deadline,
            )
        case ApplicationApproved():
            return state.model_copy(update={"status": "approved", "plan": event.instalments})
        case ApplicationRejected():
            return state.model_copy(update={"status": "rejected"})
        case InstalmentPaid():
            return state.model_copy(update={"paid": event.number})
        case TalentDecisionOverdue():
            return state.model_copy(update={"overdue": True})
