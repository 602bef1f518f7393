"""Related-project proposals (设计一批相关工程): one document per proposal, its projects each with
what it became: a merchant-platform lead, a duplicate of an existing lead, or pending (a project
named without a credit code is no lead yet, until its credit code is supplied)."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_investment.domain.project_proposal import (
    ProjectCreditCodeSupplied,
    ProjectDuplicated,
    ProjectLeadOpened,
    ProposalSubmitted,
)

__all__ = ["PROPOSALS", "ProposalsProjection"]

PROPOSALS = "project_proposals"


class ProposalsProjection:
    name: str = "project-proposals"
    collections: tuple[str, ...] = (PROPOSALS,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, ProposalSubmitted):
            submitted = event.model_dump(mode="json")
            projects = [{**p, "outcome": "pending", "lead_id": None} for p in submitted["projects"]]
            view.put(
                PROPOSALS, event.proposal_id, {**submitted, "projects": projects, "version": record.version}
            )
            return
        if not isinstance(event, ProjectLeadOpened | ProjectDuplicated | ProjectCreditCodeSupplied):
            return
        doc = await view.get(PROPOSALS, event.proposal_id)
        if doc is None:
            return
        outcome: dict[str, str | None]
        if isinstance(event, ProjectCreditCodeSupplied):
            outcome = {"credit_code": event.credit_code}
        elif isinstance(event, ProjectLeadOpened):
            outcome = {"outcome": "lead", "lead_id": event.lead_id}
        else:
            outcome = {"outcome": "duplicate", "lead_id": event.existing_lead_id}
        projects = [{**p, **outcome} if i == event.project else p for i, p in enumerate(doc["projects"])]
        view.put(PROPOSALS, event.proposal_id, {**doc, "projects": projects, "version": record.version})
