"""What a requisition case, the planners and the approvals ask of a parcel."""

from __future__ import annotations

from datetime import date

from park_shared.command import Command

from park_headquarters.domain.values import PlannedUse

__all__ = [
    "AllocateParcel",
    "CompleteParcelRequisition",
    "MarkParcelServiced",
    "NameParcelForRequisition",
    "ParcelCommand",
    "RecordHeldLand",
    "RegisterParcel",
    "ReleaseParcel",
    "UnnameParcel",
]


class NameParcelForRequisition(Command):
    """A requisition case names the parcel: its land is still the collectives'."""

    parcel_id: str
    case_id: str
    named_on: date
    known_parks: tuple[str, ...]


class CompleteParcelRequisition(Command):
    """The case that named the parcel completed: the zone holds its land."""

    parcel_id: str
    case_id: str
    requisitioned_on: date


class UnnameParcel(Command):
    """The compensation of a case that named the parcel and then failed to open: the parcel is
    unknown to the zone again (if it is still named by that case and nothing else happened)."""

    parcel_id: str
    case_id: str
    unnamed_on: date


class RecordHeldLand(Command):
    """Land the zone holds already (no requisition case): recorded with its title reference."""

    park_id: str
    code: str
    title_reference: str
    recorded_on: date
    known_parks: tuple[str, ...]


class RegisterParcel(Command):
    park_id: str
    code: str
    planned_use: PlannedUse
    area_m2: int
    known_parks: tuple[str, ...]


class MarkParcelServiced(Command):
    parcel_id: str
    serviced_on: date
    by_project_id: str


class AllocateParcel(Command):
    parcel_id: str
    park_id: str
    case_id: str
    allocated_on: date


class ReleaseParcel(Command):
    """The compensation of an allocation: releases the parcel if it is allocated to `case_id`."""

    parcel_id: str
    case_id: str
    reason: str
    released_on: date


ParcelCommand = (
    RegisterParcel
    | MarkParcelServiced
    | AllocateParcel
    | ReleaseParcel
    | NameParcelForRequisition
    | CompleteParcelRequisition
    | RecordHeldLand
    | UnnameParcel
)
