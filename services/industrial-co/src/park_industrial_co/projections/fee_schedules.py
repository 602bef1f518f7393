"""HQ's fee schedule versions as recorded here: one document per policy version, with its
facility_use items and when it stopped being in force."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.fold import FoldProjection

from park_industrial_co.domain.fee_schedule import (
    FeeScheduleRecorded,
    FeeScheduleRevoked,
    FeeScheduleSuperseded,
    FeeScheduleVersion,
    apply,
)

__all__ = ["FEE_SCHEDULES", "fee_schedules_projection"]

FEE_SCHEDULES = "fee_schedules"


def _key(event: FeeScheduleRecorded | FeeScheduleSuperseded | FeeScheduleRevoked, _: RecordedEvent) -> str:
    return f"{event.policy_id}:{event.version}"


def fee_schedules_projection() -> FoldProjection[FeeScheduleVersion]:
    """The version's own `version` field is the policy's: no stream version stamped over it."""
    return FoldProjection(
        "fee-schedules",
        FEE_SCHEDULES,
        (FeeScheduleRecorded, FeeScheduleSuperseded, FeeScheduleRevoked),
        FeeScheduleVersion(),
        apply,
        _key,
        stamp=None,
    )
