"""The zone's working-day calendar as headquarters keeps it: the calendar policies in force on
a day (one per year), and the official arrangements adopted out of the box."""

from __future__ import annotations

from datetime import date

from park_shared.projections.port import ReadModelStore
from park_shared.working_days import CalendarYear, WorkingCalendar

from park_headquarters.application.policy_queries import in_force
from park_headquarters.domain.policy_terms import WorkingCalendarTerms

__all__ = ["calendar_on", "calendar_year"]


def calendar_year(terms: WorkingCalendarTerms) -> CalendarYear:
    return CalendarYear(terms.year, frozenset(terms.holidays), frozenset(terms.makeup_workdays))


async def calendar_on(read_models: ReadModelStore, on: date) -> WorkingCalendar:
    """The calendar as it stands on `on`: each year's version in force then."""
    found = await in_force(read_models, on, "working_calendar")
    return WorkingCalendar(calendar_year(WorkingCalendarTerms.model_validate(f.version.terms)) for f in found)
