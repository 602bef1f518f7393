"""/public/calendar: the zone's working-day calendar as in force on a date, for everyone
(政务公开): each year's days off and make-up working days, or that the year is provisional."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from park_shared.errors import Invalid
from park_shared.web.dates import Day
from pydantic import BaseModel, Field

from park_headquarters.api.deps import HeadquartersDep
from park_headquarters.application.policy_queries import in_force
from park_headquarters.domain.policy_terms import WorkingCalendarTerms

__all__ = ["router"]

router = APIRouter(prefix="/public/calendar", tags=["public"])


class CalendarYearPublic(BaseModel):
    year: int
    provisional: bool = Field(description="no arrangement published: weekends only, and may change")
    policy_id: str | None = None
    version: int | None = None
    effective_from: date | None = None
    source: Literal["state_council", "zone"] | None = None
    holidays: list[date] = Field(default_factory=list, description="days off (放假)")
    makeup_workdays: list[date] = Field(default_factory=list, description="make-up working days (调休上班)")
    note: str | None = None


class CalendarPublic(BaseModel):
    on: date = Field(description="the date the calendar is read as of")
    years: list[CalendarYearPublic]


@router.get("", summary="The working-day calendar in force")
async def public_calendar(
    hq: HeadquartersDep,
    on: Annotated[Day | None, Query(description="as of this date; today if absent")] = None,
    year: Annotated[
        list[int] | None, Query(description="the years; this year and the next if absent")
    ] = None,
) -> CalendarPublic:
    day = on or hq.today()
    if any(not 2000 <= y <= 2100 for y in year or ()):
        raise Invalid("a year from 2000 to 2100", field="year")
    published = {}
    for found in await in_force(await hq.read_models(), day, "working_calendar"):
        terms = WorkingCalendarTerms.model_validate(found.version.terms)
        published[terms.year] = CalendarYearPublic(
            year=terms.year, provisional=False, policy_id=found.policy_id, version=found.version.version,
            effective_from=found.version.effective_from, source=terms.source, holidays=terms.holidays,
            makeup_workdays=terms.makeup_workdays, note=terms.note,
        )  # fmt: skip
    wanted = sorted(set(year or (day.year, day.year + 1)))
    years = [published.get(y) or CalendarYearPublic(year=y, provisional=True) for y in wanted]
    return CalendarPublic(on=day, years=years)
