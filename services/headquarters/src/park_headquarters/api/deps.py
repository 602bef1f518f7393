"""Dependencies every router shares: who is calling (by role), the application context, and the
date a query is asked about."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query
from park_shared.auth import Principal
from park_shared.web.app import application_of
from park_shared.web.dates import Day
from park_shared.web.security import requires

from park_headquarters.application.context import Headquarters

__all__ = [
    "AnyHq",
    "Head",
    "HeadquartersDep",
    "Official",
    "OfficialOrHead",
    "OfficialOrPlanner",
    "OnDate",
    "Planner",
    "PlannerOrHead",
]

OnDate = Annotated[Day | None, Query(description="the date asked about; today if absent")]

AnyHq = Annotated[Principal, Depends(requires("hq.official", "hq.planner", "hq.head"))]
Official = Annotated[Principal, Depends(requires("hq.official"))]
Planner = Annotated[Principal, Depends(requires("hq.planner"))]
Head = Annotated[Principal, Depends(requires("hq.head"))]
OfficialOrHead = Annotated[Principal, Depends(requires("hq.official", "hq.head"))]
OfficialOrPlanner = Annotated[Principal, Depends(requires("hq.official", "hq.planner"))]
PlannerOrHead = Annotated[Principal, Depends(requires("hq.planner", "hq.head"))]

HeadquartersDep = Annotated[Headquarters, Depends(application_of(Headquarters))]
