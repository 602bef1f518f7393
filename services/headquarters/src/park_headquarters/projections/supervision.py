"""Supervision cases (and, at query time, their counts by unit and by step)."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc

from park_headquarters.domain.supervision import (
    SupervisionCaseAssigned,
    SupervisionCaseClosed,
    SupervisionCaseOpened,
)
from park_headquarters.projections.documents import OneDocument

__all__ = ["supervision"]

COLLECTION = "supervision_cases"


def _changes(event: SupervisionCaseAssigned | SupervisionCaseClosed, doc: Doc, record: RecordedEvent) -> Doc:
    status = "assigned" if isinstance(event, SupervisionCaseAssigned) else "closed"
    return {**event.model_dump(mode="json", exclude={"supervision_id"}), "status": status}


def supervision() -> OneDocument:
    return OneDocument(
        "supervision",
        collection=COLLECTION,
        key="supervision_id",
        opened_by=SupervisionCaseOpened,
        blank={"status": "open", "assignee": None, "assigned_on": None, "findings": None, "closed_on": None},
        later=(SupervisionCaseAssigned, SupervisionCaseClosed),
        changes=_changes,
    )
