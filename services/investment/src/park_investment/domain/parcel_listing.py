"""A serviced parcel on the online platform: listed when HQ marks it serviced, delisted when
HQ allocates it (an allocation seen first keeps it off the list), listed again when HQ releases
the allocation (its approval was refused)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from park_shared.decider import Decider
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

__all__ = [
    "ParcelDelisted",
    "ParcelListed",
    "ParcelListing",
    "RecordParcelAllocated",
    "RecordParcelReleased",
    "RecordParcelServiced",
    "parcel_listing_decider",
    "parcel_stream",
]


def parcel_stream(parcel_id: str) -> str:
    return f"parcel-{parcel_id}"


class RecordParcelServiced(BaseModel):
    model_config = ConfigDict(frozen=True)
    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int
    serviced_on: date


class RecordParcelAllocated(BaseModel):
    model_config = ConfigDict(frozen=True)
    parcel_id: str
    park_id: str
    allocated_on: date


class RecordParcelReleased(BaseModel):
    model_config = ConfigDict(frozen=True)
    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int
    serviced_on: date | None
    released_on: date


class ParcelListed(Event):
    """Internal: a serviced parcel offered on the online platform."""

    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int
    serviced_on: date


class ParcelDelisted(Event):
    """Internal: the parcel was allocated; it is no longer offered."""

    parcel_id: str
    park_id: str
    allocated_on: date


Command = RecordParcelServiced | RecordParcelAllocated | RecordParcelReleased
ListingEvent = ParcelListed | ParcelDelisted


class ParcelListing(BaseModel):
    model_config = ConfigDict(frozen=True)
    status: Literal["none", "listed", "allocated"] = "none"


def decide(command: Command, state: ParcelListing) -> Sequence[ListingEvent]:
    match command:
        case RecordParcelServiced():
            return [ParcelListed(**command.model_dump())] if state.status == "none" else []
        case RecordParcelAllocated():
            return [] if state.status == "allocated" else [ParcelDelisted(**command.model_dump())]
        case RecordParcelReleased():
            if state.status != "allocated":
                return []
            fields = command.model_dump(exclude={"serviced_on", "released_on"})
            return [ParcelListed(**fields, serviced_on=command.serviced_on or command.released_on)]


def evolve(state: ParcelListing, event: ListingEvent) -> ParcelListing:
    match event:
        case ParcelListed():
            return ParcelListing(status="listed")
        case ParcelDelisted():
            return ParcelListing(status="allocated")


parcel_listing_decider: Decider[Command, ParcelListing, ListingEvent] = Decider(
    ParcelListing(), decide, evolve
)
