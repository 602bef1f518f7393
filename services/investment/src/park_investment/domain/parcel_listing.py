"""A serviced parcel on the online platform: listed when HQ marks it serviced, delisted when
HQ allocates it (an allocation seen first keeps it off the list), listed again when HQ releases
the allocation (its approval was refused)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

__all__ = [
    "ParcelDelisted",
    "ParcelListed",
    "ParcelListing",
    "ParcelListingCommand",
    "ParcelOnOffer",
    "RecordParcelAllocated",
    "RecordParcelReleased",
    "RecordParcelServiced",
    "ServicedParcel",
    "parcel_listing_decider",
]


class ParcelOnOffer(BaseModel):
    """What HQ tells of a parcel the online platform may offer: which one, and what it is."""

    model_config = ConfigDict(frozen=True)

    parcel_id: str
    park_id: str
    code: str
    planned_use: str
    area_m2: int


class RecordParcelServiced(Command):
    parcel: ParcelOnOffer
    serviced_on: date


class RecordParcelAllocated(Command):
    parcel_id: str
    park_id: str
    allocated_on: date


class RecordParcelReleased(Command):
    parcel: ParcelOnOffer
    serviced_on: date | None
    released_on: date


class ServicedParcel(ParcelOnOffer):
    """A parcel on offer and the day it was serviced: as it is listed, and as the public sees it."""

    serviced_on: date


class ParcelListed(ServicedParcel, Event):
    """Internal: a serviced parcel offered on the online platform."""


class ParcelDelisted(Event):
    """Internal: the parcel was allocated; it is no longer offered."""

    parcel_id: str
    park_id: str
    allocated_on: date


ParcelListingCommand = RecordParcelServiced | RecordParcelAllocated | RecordParcelReleased
ListingEvent = ParcelListed | ParcelDelisted


class ParcelListing(BaseModel):
    model_config = ConfigDict(frozen=True)
    status: Literal["none", "listed", "allocated"] = "none"


def decide(command: ParcelListingCommand, state: ParcelListing) -> Sequence[ListingEvent]:
    match command:
        case RecordParcelServiced():
            return [_listed(command.parcel, command.serviced_on)] if state.status == "none" else []
        case RecordParcelAllocated():
            if state.status == "allocated":
                return []
            return [
                ParcelDelisted(
                    parcel_id=command.parcel_id, park_id=command.park_id, allocated_on=command.allocated_on
                )
            ]
        case RecordParcelReleased():
            if state.status != "allocated":
                return []
            return [_listed(command.parcel, command.serviced_on or command.released_on)]


def _listed(parcel: ParcelOnOffer, serviced_on: date) -> ParcelListed:
    return ParcelListed(
        parcel_id=parcel.parcel_id,
        park_id=parcel.park_id,
        code=parcel.code,
        planned_use=parcel.planned_use,
        area_m2=parcel.area_m2,
        serviced_on=serviced_on,
    )


def evolve(state: ParcelListing, event: ListingEvent) -> ParcelListing:
    match event:
        case ParcelListed():
            return ParcelListing(status="listed")
        case ParcelDelisted():
            return ParcelListing(status="allocated")


parcel_listing_decider: Decider[ParcelListingCommand, ParcelListing, ListingEvent] = Decider(
    ParcelListing(), decide, evolve
)
