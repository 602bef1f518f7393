"""The dashboard's reading of headquarters' events (行政总部)."""

from __future__ import annotations

from datetime import date
from typing import Any

from park_shared.events import ForeignEvent

from park_dashboard.domain.readings.base import reads


@reads("headquarters", "ParkRegistered")
class ParkRegistered(ForeignEvent):
    park_id: str
    name: str


@reads("headquarters", "ParcelRegistered")
class ParcelRegistered(ForeignEvent):
    parcel_id: str
    park_id: str
    planned_use: str
    area_m2: int


@reads("headquarters", "ParcelServiced")
class ParcelServiced(ForeignEvent):
    parcel_id: str
    park_id: str
    serviced_on: date


@reads("headquarters", "ParcelAllocated")
class ParcelAllocated(ForeignEvent):
    parcel_id: str
    park_id: str
    allocated_on: date


@reads("headquarters", "PolicyPublished")
class PolicyPublished(ForeignEvent):
    policy_id: str
    version: int
    kind: str
    title: str
    effective_from: date
    terms: dict[str, Any]


@reads("headquarters", "PolicySuperseded")
class PolicySuperseded(ForeignEvent):
    policy_id: str
    version: int
    effective_until: date


@reads("headquarters", "PolicyRevoked")
class PolicyRevoked(ForeignEvent):
    policy_id: str
    version: int
    revoked_on: date


@reads("headquarters", "ProjectApproved")
class ProjectApproved(ForeignEvent):
    case_id: str
    decided_on: date


@reads("headquarters", "ProjectRejected")
class ProjectRejected(ForeignEvent):
    case_id: str
    decided_on: date


@reads("headquarters", "SupervisionCaseOpened")
class SupervisionCaseOpened(ForeignEvent):
    supervision_id: str
    cause: str
    unit: str
    case_id: str | None = None
    step_code: str | None = None
    opened_on: date


@reads("headquarters", "SupervisionCaseClosed")
class SupervisionCaseClosed(ForeignEvent):
    supervision_id: str
    closed_on: date
