"""The project-approval queue and its decisions."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_headquarters.domain.approval import ApprovalRequestReceived, ProjectApproved, ProjectRejected

__all__ = ["ApprovalsProjection"]

COLLECTION = "approvals"


class ApprovalsProjection:
    name: str = "approvals"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, ApprovalRequestReceived):
            doc = {
                **event.model_dump(mode="json"),
                "status": "pending",
                "decided_on": None,
                "decided_by": None,
                "allocated_parcel_id": None,
                "reason": None,
            }
            view.put(COLLECTION, event.approval_id, doc)
            return
        if not isinstance(event, ProjectApproved | ProjectRejected):
            return
        found = await view.get(COLLECTION, event.approval_id)
        if found is None:
            return
        status = "approved" if isinstance(event, ProjectApproved) else "rejected"
        decision = event.model_dump(mode="json", exclude={"approval_id", "case_id"})
        view.put(
            COLLECTION,
            event.approval_id,
            {**found, **decision, "status": status, "decided_by": record.meta.actor},
        )
