"""Parcels (地块): to_requisition (named by a land requisition case) → requisitioned (the case
completed, or land the zone already holds, recorded with its title) → planned → serviced
(infrastructure done) → allocated (to an approved project); an allocation whose approval was
refused is released (serviced again). Only requisitioned land is planned."""

from __future__ import annotations

from park_shared.decider import Decider

from park_headquarters.domain.parcel.commands import (
    AllocateParcel,
    CompleteParcelRequisition,
    MarkParcelServiced,
    NameParcelForRequisition,
    ParcelCommand,
    RecordHeldLand,
    RegisterParcel,
    ReleaseParcel,
    UnnameParcel,
)
from park_headquarters.domain.parcel.decide import decide
from park_headquarters.domain.parcel.events import (
    ParcelAllocated,
    ParcelEvent,
    ParcelRegistered,
    ParcelReleased,
    ParcelRequisitioned,
    ParcelServiced,
    ParcelToRequisition,
    ParcelUnnamed,
)
from park_headquarters.domain.parcel.ids import PARCEL_CODE, parcel_id_of, split_parcel_id
from park_headquarters.domain.parcel.state import ParcelState, ParcelStatus, evolve

__all__ = [
    "PARCEL_CODE",
    "AllocateParcel",
    "CompleteParcelRequisition",
    "MarkParcelServiced",
    "NameParcelForRequisition",
    "ParcelAllocated",
    "ParcelCommand",
    "ParcelEvent",
    "ParcelRegistered",
    "ParcelReleased",
    "ParcelRequisitioned",
    "ParcelServiced",
    "ParcelState",
    "ParcelStatus",
    "ParcelToRequisition",
    "ParcelUnnamed",
    "RecordHeldLand",
    "RegisterParcel",
    "ReleaseParcel",
    "UnnameParcel",
    "decide",
    "decider",
    "evolve",
    "parcel_id_of",
    "split_parcel_id",
]

decider: Decider[ParcelCommand, ParcelState, ParcelEvent] = Decider(ParcelState(), decide, evolve)
