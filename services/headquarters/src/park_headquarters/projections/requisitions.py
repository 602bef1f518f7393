"""Land requisition cases: the parcels and collectives, each collective's agreement, payment and
resettlement, the policy-handling issues, and the case's status."""

from __future__ import annotations

from typing import Any

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc

from park_headquarters.domain import land_requisition as lr
from park_headquarters.projections.documents import OneDocument

__all__ = ["COLLECTION", "requisitions"]

COLLECTION = "requisitions"


def _collective(doc: Doc, collective_id: str, **changes: Any) -> dict[str, Any]:
    collectives = {**doc["by_collective"]}
    collectives[collective_id] = {**collectives.get(collective_id, {}), **changes}
    return {"by_collective": collectives}


def _changes(event: Any, doc: Doc, record: RecordedEvent) -> Doc:
    match event:
        case lr.AgreementSigned():
            agreement = event.model_dump(mode="json", exclude={"case_id", "collective_id"})
            return _collective(doc, event.collective_id, agreement=agreement)
        case lr.CompensationPaid():
            paid = {
                "amount": str(event.amount),
                "payment_id": event.payment_id,
                "paid_on": str(event.paid_on),
            }
            return _collective(doc, event.collective_id, payment=paid)
        case lr.ResettlementNoted():
            noted = {"households_resettled": event.households_resettled, "note": event.note}
            return _collective(
                doc, event.collective_id, resettlement={**noted, "noted_on": str(event.noted_on)}
            )
        case lr.IssueRaised():
            issue = {"description": event.description, "raised_on": str(event.raised_on), "status": "open"}
            return {"issues": {**doc["issues"], event.issue_id: issue}}
        case lr.IssueClosed():
            closed = {"status": "closed", "resolution": event.resolution, "closed_on": str(event.closed_on)}
            return {"issues": {**doc["issues"], event.issue_id: {**doc["issues"][event.issue_id], **closed}}}
        case lr.RequisitionCompleted():
            return {"status": "completed", "completed_on": str(event.completed_on)}
    return {}


def requisitions() -> OneDocument:
    return OneDocument(
        "requisitions",
        collection=COLLECTION,
        key="case_id",
        opened_by=lr.RequisitionOpened,
        blank={"status": "open", "by_collective": {}, "issues": {}, "completed_on": None},
        later=(
            lr.AgreementSigned,
            lr.CompensationPaid,
            lr.ResettlementNoted,
            lr.IssueRaised,
            lr.IssueClosed,
            lr.RequisitionCompleted,
        ),
        changes=_changes,
    )
