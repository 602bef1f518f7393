"""The dashboard's reading of headquarters' events (行政总部)."""

from __future__ import annotations

from datetime import date
from typing import Any

from park_shared.events import ForeignEvent

PRODUCER = "headquarters"


class ParkRegistered(ForeignEvent):
    park_id: str
    name: str


class ParcelRegistered(ForeignEvent):
    parcel_id: str
    park_id: str
    planned_use: str
    area_m2: int


class ParcelServiced(ForeignEvent):
    parcel_id: str
    park_id: str
    serviced_on: date


class ParcelAllocated(ForeignEvent):
    parcel_id: str
    park_id: str
    allocated_on: date


class PolicyPublished(ForeignEvent):
    policy_id: str
    version: int
    kind: str
    title: str
    effective_from: date
    terms: dict[str, Any]


class PolicySuperseded(ForeignEvent):
    policy_id: str
    version: int
    effective_until: date


class PolicyRevoked(ForeignEvent):
    policy_id: str
    version: int
    revoked_on: date


class ProjectApproved(ForeignEvent):
    case_id: str
    decided_on: date


class ProjectRejected(ForeignEvent):
    case_id: str
    decided_on: date


class SupervisionCaseOpened(ForeignEvent):
    supervision_id: str
    cause: str
    unit: str
    case_id: str | None = None
    step_code: str | None = None
    opened_on: date


class SupervisionCaseClosed(ForeignEvent):
    supervision_id: str
    closed_on: date


MODELS: tuple[type[ForeignEvent], ...] = (
    ParkRegistered,
    ParcelRegistered,
    ParcelServiced,
    ParcelAllocated,
    PolicyPublished,
    PolicySuperseded,
    PolicyRevoked,
    ProjectApproved,
    ProjectRejected,
    SupervisionCaseOpened,
    SupervisionCaseClosed,
)
