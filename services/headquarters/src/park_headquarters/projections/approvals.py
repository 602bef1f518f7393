"""The project-approval queue and its decisions."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc

from park_headquarters.domain.approval import ApprovalRequestReceived, ProjectApproved, ProjectRejected
from park_headquarters.projections.documents import OneDocument

__all__ = ["approvals"]

COLLECTION = "approvals"


def _decided(event: ProjectApproved | ProjectRejected, doc: Doc, record: RecordedEvent) -> Doc:
    status = "approved" if isinstance(event, ProjectApproved) else "rejected"
    decision = event.model_dump(mode="json", exclude={"approval_id", "case_id"})
    return {**decision, "status": status, "decided_by": record.meta.actor}


def approvals() -> OneDocument:
    return OneDocument(
        "approvals",
        collection=COLLECTION,
        key="approval_id",
        opened_by=ApprovalRequestReceived,
        blank={
            "status": "pending",
            "decided_on": None,
            "decided_by": None,
            "allocated_parcel_id": None,
            "reason": None,
        },
        later=(ProjectApproved, ProjectRejected),
        changes=_decided,
    )
