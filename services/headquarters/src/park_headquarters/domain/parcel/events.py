"""A parcel's events: ParcelRegistered, ParcelServiced, ParcelAllocated, ParcelReleased and
ParcelRequisitioned are the public contract (docs/events.md); the others stay in the store."""

from __future__ import annotations

from datetime import date

from park_shared.events import Event

from park_headquarters.domain.values import PlannedUse

__all__ = [
    "ParcelAllocated",
    "ParcelEvent",
    "ParcelRegistered",
    "ParcelReleased",
    "ParcelRequisitioned",
    "ParcelServiced",
    "ParcelToRequisition",
    "ParcelUnnamed",
]


class ParcelToRequisition(Event):
    parcel_id: str
    park_id: str
    code: str
    case_id: str
    named_on: date


class ParcelUnnamed(Event):
    """A case that named the parcel did not open: the parcel is unknown to the zone again."""

    parcel_id: str
    case_id: str
    unnamed_on: date


class ParcelRequisitioned(Event):
    """The zone holds the parcel's land: its requisition case completed (`case_id`), or it was
    recorded as held with its title (`title_reference`)."""

    parcel_id: str
    park_id: str
    code: str
    case_id: str | None
    title_reference: str | None
    requisitioned_on: date


class ParcelRegistered(Event):
    parcel_id: str
    park_id: str
    code: str
    planned_use: PlannedUse
    area_m2: int


class ParcelServiced(Event):
    parcel_id: str
    park_id: str
    code: str
    planned_use: PlannedUse
    area_m2: int
    serviced_on: date
    by_project_id: str


class ParcelAllocated(Event):
    parcel_id: str
    park_id: str
    case_id: str
    allocated_on: date


class ParcelReleased(Event):
    """An allocation undone (its approval was refused): the parcel is serviced and free again."""

    parcel_id: str
    park_id: str
    code: str
    planned_use: PlannedUse
    area_m2: int
    serviced_on: date | None
    case_id: str
    reason: str
    released_on: date


ParcelEvent = (
    ParcelRegistered
    | ParcelServiced
    | ParcelAllocated
    | ParcelReleased
    | ParcelToRequisition
    | ParcelRequisitioned
    | ParcelUnnamed
)
