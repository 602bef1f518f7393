"""Infrastructure projects: terms, tender, contract, milestones, funds allocated and paid."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_industrial_co.domain.project import (
    BidSubmitted,
    ContractAwarded,
    ContractorPaid,
    InfrastructureCompleted,
    ProjectMilestoneReached,
    ProjectPlanned,
    TenderOpened,
)
from park_industrial_co.domain.treasury import FundsAllocated
from park_industrial_co.projections._json import add, plain

__all__ = ["PROJECTS", "ProjectsProjection"]

PROJECTS = "projects"


def _planned(event: ProjectPlanned) -> Doc:
    return plain(
        event,
        status="planned",
        tender=None,
        bids=[],
        contract=None,
        milestones=[],
        progress_percent=0,
        allocated_amount="0.00",
        paid_amount="0.00",
        completed_on=None,
    )


class ProjectsProjection:
    name: str = "projects"
    collections: tuple[str, ...] = (PROJECTS,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, ProjectPlanned):
            view.put(PROJECTS, event.project_id, _planned(event))
            return
        project_id = getattr(event, "project_id", None)
        doc = await view.get(PROJECTS, project_id) if isinstance(project_id, str) else None
        if doc is not None and isinstance(project_id, str):
            _apply(event, doc)
            view.put(PROJECTS, project_id, doc)


def _apply(event: BaseModel, doc: Doc) -> None:
    match event:
        case TenderOpened():
            doc.update(status="tendering", tender=plain(event))
        case BidSubmitted():
            doc["bids"] = [*doc["bids"], plain(event)]
        case ContractAwarded():
            doc.update(status="awarded", contract=plain(event))
        case ProjectMilestoneReached():
            milestone = plain(event, paid_amount=None)
            doc.update(milestones=[*doc["milestones"], milestone], progress_percent=event.progress_percent)
        case ContractorPaid():
            add(doc, "paid_amount", event.amount)
            for m in doc["milestones"]:
                if m["milestone"] == event.milestone:
                    m["paid_amount"] = str(event.amount)
        case FundsAllocated():
            add(doc, "allocated_amount", event.amount)
        case InfrastructureCompleted():
            doc.update(status="completed", completed_on=str(event.completed_on))
