"""HQ's management regulations, as recorded in our store: one document per regulation (its
kind, each version's effective date and article numbers, its repeal)."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.fold import FoldProjection

from park_service_center.domain.regulation import (
    RegulationEvent,
    RegulationRecord,
    RegulationRepealRecorded,
    RegulationVersionRecorded,
    regulation_decider,
)
from park_service_center.projections.names import REGULATIONS

__all__ = ["regulations_projection"]


def _key(event: RegulationEvent, _: RecordedEvent) -> str:
    return event.regulation_id


def regulations_projection() -> FoldProjection[RegulationRecord]:
    return FoldProjection(
        "sc-regulations",
        REGULATIONS,
        (RegulationVersionRecorded, RegulationRepealRecorded),
        RegulationRecord(),
        regulation_decider.evolve,
        _key,
    )
