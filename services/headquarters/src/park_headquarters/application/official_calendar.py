"""The State Council's published holiday arrangements (放假安排), from the `chinese-calendar`
package (1.11.0 holds 2004 to 2026), adopted as each year's calendar policy at start. A later
year stays provisional until headquarters publishes it (or a newer package holds it)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

import chinese_calendar
from park_shared.handler import CommandContext

from park_headquarters.application.context import Headquarters
from park_headquarters.domain.policy_messages import AdoptCalendar
from park_headquarters.domain.policy_terms import WorkingCalendarTerms, calendar_policy_id

__all__ = ["adopt_official_calendars", "official_arrangements"]


def official_arrangements() -> dict[int, WorkingCalendarTerms]:
    """Each year the package knows: its days off and make-up working days."""
    off: dict[int, set[date]] = defaultdict(set)
    worked: dict[int, set[date]] = defaultdict(set)
    for day in chinese_calendar.holidays:
        off[day.year].add(day)
    for day in chinese_calendar.workdays:
        worked[day.year].add(day)
    return {
        year: WorkingCalendarTerms(
            year=year,
            holidays=sorted(off[year]),
            makeup_workdays=sorted(worked[year]),
            source="state_council",
            note=f"国务院办公厅 {year} 年部分节假日安排 (chinese-calendar {chinese_calendar.__version__})",
        )
        for year in sorted(off)
    }


def adoption(terms: WorkingCalendarTerms, today: date, now: datetime) -> AdoptCalendar:
    """In force from 1 January of the year before: the arrangement is published in the
    November before its year, and promises made then count through it."""
    return AdoptCalendar(
        policy_id=calendar_policy_id(terms.year),
        title=f"{terms.year} 年工作日历 Working-day calendar {terms.year}",
        terms=terms.model_dump(mode="json"),
        effective_from=date(terms.year - 1, 1, 1),
        today=today,
        published_at=now,
    )


async def adopt_official_calendars(hq: Headquarters) -> list[int]:
    """The official years from last year on, each adopted once (a year with a calendar of
    its own, official or the zone's, is left as it is); returns the years adopted now."""
    today, now = hq.today(), hq.now()
    context = CommandContext(actor="system:official-calendar")
    adopted: list[int] = []
    for year, terms in official_arrangements().items():
        if year < today.year - 1:
            continue
        outcome = await hq.policies.handle(
            calendar_policy_id(year), adoption(terms, today, now), context=context
        )
        if outcome.events:
            adopted.append(year)
    return adopted
