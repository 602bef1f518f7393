"""HQ's fee schedule as industrial-co keeps it: per policy version, its facility_use items (the
price per unit-hour of each kind of shared facility), when it took effect and when it stopped
(superseded, revoked). A booking is charged the item of its facility's fee code in the version in
force on the booking's day. Recording is idempotent: HQ's events may arrive twice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.events import Event
from park_shared.validity import in_effect
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


class FeeScheduleVersion(BaseModel):
    model_config = ConfigDict(frozen=True)

    policy_id: str = ""
    version: int = 0
    effective_from: date | None = None
    published_at: str = ""
    items: tuple[FacilityFeeItem, ...] = ()
    effective_until: date | None = None
    revoked_on: date | None = None

    def in_force_on(self, day: date) -> bool:
        return in_effect(day, self.effective_from, self.effective_until, self.revoked_on)

    def item(self, code: str) -> FacilityFeeItem | None:
        return next((i for i in self.items if i.code == code), None)


class FeeSchedules(BaseModel):
    """One fee schedule policy: its versions as recorded here."""

    model_config = ConfigDict(frozen=True)

    versions: dict[int, FeeScheduleVersion] = Field(default_factory=dict)


def decide(command: FeeScheduleCommand, state: FeeSchedules) -> Sequence[FeeScheduleEvent]:
    known = state.versions.get(command.version)
    match command:
        case RecordFeeSchedule():
            return [] if known is not None else [FeeScheduleRecorded(**command.model_dump())]
        case RecordFeeScheduleSuperseded():
            if known is None or known.effective_until is not None:
                return []
            return [FeeScheduleSuperseded(**command.model_dump())]
        case RecordFeeScheduleRevoked():
            if known is None or known.revoked_on is not None:
                return []
            return [FeeScheduleRevoked(**command.model_dump())]


def apply(version: FeeScheduleVersion, event: FeeScheduleEvent) -> FeeScheduleVersion:
    """One version after `event` (the read model folds with this too)."""
    match event:
        case FeeScheduleRecorded():
            return FeeScheduleVersion(**event.model_dump())
        case FeeScheduleSuperseded():
            return version.model_copy(update={"effective_until": event.effective_until})
        case FeeScheduleRevoked():
            return version.model_copy(update={"revoked_on": event.revoked_on})


def evolve(state: FeeSchedules, event: FeeScheduleEvent) -> FeeSchedules:
    known = state.versions.get(event.version, FeeScheduleVersion())
    return FeeSchedules(versions={**state.versions, event.version: apply(known, event)})


def in_force(versions: Iterable[FeeScheduleVersion], day: date) -> FeeScheduleVersion | None:
    """The fee schedule in force on `day`: of the versions in force then, the one effective most
    recently (HQ keeps one schedule; with several policies, the latest published wins a tie)."""
    candidates = [v for v in versions if v.in_force_on(day)]
    if not candidates:
        return None
    return max(candidates, key=lambda v: (v.effective_from or date.min, v.published_at, v.version))


decider: Decider[FeeScheduleCommand, FeeSchedules, FeeScheduleEvent] = Decider(FeeSchedules(), decide, evolve)
