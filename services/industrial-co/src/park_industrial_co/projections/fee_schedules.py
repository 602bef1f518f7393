"""HQ's fee schedule versions as recorded here: one document per policy version, with its
facility_use items and when it stopped being in force."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_industrial_co.domain.fee_schedule import (
    FeeScheduleRecorded,
    FeeScheduleRevoked,
    FeeScheduleSuperseded,
    FeeScheduleVersion,
    apply,
)

__all__ = ["FEE_SCHEDULES", "FeeSchedulesProjection"]

FEE_SCHEDULES = "fee_schedules"


class FeeSchedulesProjection:
    name: str = "fee-schedules"
    collections: tuple[str, ...] = (FEE_SCHEDULES,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if not isinstance(event, FeeScheduleRecorded | FeeScheduleSuperseded | FeeScheduleRevoked):
            return
        key = f"{event.policy_id}:{event.version}"
        stored = await view.get(FEE_SCHEDULES, key)
        known = FeeScheduleVersion() if stored is None else FeeScheduleVersion.model_validate(stored)
        view.put(FEE_SCHEDULES, key, apply(known, event).model_dump(mode="json"))
