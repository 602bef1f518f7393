"""The parcels headquarters has registered, recorded in our own store from its events."""

from __future__ import annotations

from collections.abc import Sequence

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

__all__ = ["Parcel", "ParcelRecorded", "ParcelState", "RecordParcel", "decider"]


class Parcel(BaseModel):
    """A parcel as headquarters registered it: which one, where, and what it is for."""

    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int


class RecordParcel(Parcel, Command):
    pass


class ParcelRecorded(Parcel, Event):
    pass


class ParcelState(BaseModel):
    model_config = ConfigDict(frozen=True)

    recorded: ParcelRecorded | None = None


def decide(c: RecordParcel, state: ParcelState) -> Sequence[ParcelRecorded]:
    """Records a parcel once; the same registration again (another event id) changes nothing."""
    recorded = ParcelRecorded(
        parcel_id=c.parcel_id, park_id=c.park_id, code=c.code, planned_use=c.planned_use, area_m2=c.area_m2
    )
    return [] if state.recorded == recorded else [recorded]


def evolve(state: ParcelState, event: ParcelRecorded) -> ParcelState:
    return ParcelState(recorded=event)


decider: Decider[RecordParcel, ParcelState, ParcelRecorded] = Decider(ParcelState(), decide, evolve)
