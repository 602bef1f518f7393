"""HQ's fee schedule as industrial-co keeps it: per policy version, its facility_use items (the
price per unit-hour of each kind of shared facility), when it took effect and when it stopped
(superseded, revoked). A booking is charged the item of its facility's fee code in the version in
force on the booking's day. Recording is idempotent: HQ's events may arrive twice."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.events import Event
from park_shared.recorded_versions import RecordedVersion, RecordedVersions, Versions
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "FacilityFeeItem",
    "FeeScheduleEvent",
    "FeeScheduleRecorded",
    "FeeScheduleRevoked",
    "FeeScheduleSuperseded",
    "FeeScheduleVersion",
    "FeeSchedules",
    "RecordFeeSchedule",
    "RecordFeeScheduleRevoked",
    "RecordFeeScheduleSuperseded",
    "decider",
    "in_force",
]


class FacilityFeeItem(BaseModel):
    """A facility_use item of the schedule: `amount` per unit per hour."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    code: str
    name: str = ""
    amount: Decimal = Field(ge=0)
    facility_kind: str


class RecordFeeSchedule(Command):
    policy_id: str
    version: int
    effective_from: date
    published_at: str = ""
    items: tuple[FacilityFeeItem, ...]


class RecordFeeScheduleSuperseded(Command):
    policy_id: str
    version: int
    effective_until: date


class RecordFeeScheduleRevoked(Command):
    policy_id: str
    version: int
    revoked_on: date


FeeScheduleCommand = RecordFeeSchedule | RecordFeeScheduleSuperseded | RecordFeeScheduleRevoked


class FeeScheduleRecorded(Event):
    policy_id: str
    version: int
    effective_from: date
    published_at: str
    items: tuple[FacilityFeeItem, ...]


class FeeScheduleSuperseded(Event):
    policy_id: str
    version: int
    effective_until: date


class FeeScheduleRevoked(Event):
    policy_id: str
    version: int
    revoked_on: date


FeeScheduleEvent = FeeScheduleRecorded | FeeScheduleSuperseded | FeeScheduleRevoked


class FeeScheduleVersion(RecordedVersion):
    items: tuple[FacilityFeeItem, ...] = ()

    def item(self, code: str) -> FacilityFeeItem | None:
        return next((i for i in self.items if i.code == code), None)


FeeSchedules = Versions[FeeScheduleVersion]
"""One fee schedule policy: its versions as recorded here."""

fee_schedule_record = RecordedVersions(
    FeeScheduleVersion,
    RecordFeeSchedule,
    FeeScheduleRecorded,
    RecordFeeScheduleSuperseded,
    FeeScheduleSuperseded,
    RecordFeeScheduleRevoked,
    FeeScheduleRevoked,
    early=False,
)
"""A supersession or revocation of a version not recorded here is ignored."""

apply = fee_schedule_record.apply
"""One version after an event (the read model folds with this too)."""


def in_force(versions: Iterable[FeeScheduleVersion], day: date) -> FeeScheduleVersion | None:
    """The fee schedule in force on `day`: of the versions in force then, the one effective most
    recently (HQ keeps one schedule; with several policies, the latest published wins a tie)."""
    candidates = [v for v in versions if v.in_force_on(day)]
    if not candidates:
        return None
    return max(candidates, key=lambda v: (v.effective_from or date.min, v.published_at, v.version))


decider: Decider[FeeScheduleCommand, FeeSchedules, FeeScheduleEvent] = fee_schedule_record.decider()
