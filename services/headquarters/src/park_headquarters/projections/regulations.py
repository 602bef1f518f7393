"""Regulations with all their versions: the regulation's own state, as its decider folds it."""

from __future__ import annotations

from typing import Any

from park_shared.events import RecordedEvent
from park_shared.projections.fold import FoldProjection

from park_headquarters.domain import regulation

__all__ = ["COLLECTION", "regulations_projection"]

COLLECTION = "regulations"
REGULATION_EVENTS = (
    regulation.RegulationDrafted,
    regulation.RegulationAmendmentDrafted,
    regulation.RegulationPublished,
    regulation.RegulationRepealed,
)


def _key(event: regulation.RegulationEvent, _: RecordedEvent) -> str:
    return event.regulation_id


def _extras(state: regulation.RegulationState) -> dict[str, Any]:
    return {"published": state.last_published is not None}


def regulations_projection() -> FoldProjection[regulation.RegulationState]:
    return FoldProjection(
        "regulations",
        COLLECTION,
        REGULATION_EVENTS,
        regulation.RegulationState(),
        regulation.evolve,
        _key,
        _extras,
        stamp=None,
    )
