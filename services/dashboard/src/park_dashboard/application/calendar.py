"""HQ's working-day calendar as the dashboard reads it from HQ's events: each year's version
in force on a day. Pure over the recorded policy versions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from park_shared.projections.port import Doc
from park_shared.working_days import CalendarYear, WorkingCalendar

from park_dashboard.application.policies import in_force

__all__ = ["KIND", "calendar_on", "calendar_years"]

KIND = "working_calendar"


def calendar_years(docs: Iterable[Doc], today: date) -> list[tuple[Doc, CalendarYear]]:
    """The calendar versions in force on `today`, with each one's year."""
    found = []
    for doc in in_force((d for d in docs if d.get("kind") == KIND), today).values():
        terms = doc.get("terms") or {}
        year = CalendarYear(
            int(terms["year"]),
            frozenset(date.fromisoformat(d) for d in terms.get("holidays", ())),
            frozenset(date.fromisoformat(d) for d in terms.get("makeup_workdays", ())),
        )
        found.append((doc, year))
    return sorted(found, key=lambda pair: pair[1].year)


def calendar_on(docs: Iterable[Doc], today: date) -> WorkingCalendar:
    return WorkingCalendar(year for _, year in calendar_years(docs, today))
