"""The zone's working-day calendar (承诺制 counts working days): Monday to Friday, minus the
public holidays, plus the make-up working days (调休), year by year as headquarters publishes
them. A year not published is provisional: weekends only, and a deadline counted through it
says so. Pure: each unit builds one from the calendar versions in force on the day it decides."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = ["CalendarYear", "Due", "WorkingCalendar"]

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class CalendarYear:
    """One year's arrangement: the days off and the make-up working days."""

    year: int
    holidays: frozenset[date] = field(default_factory=frozenset)
    makeup_workdays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        both = self.holidays & self.makeup_workdays
        if both:
            days = ", ".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"a day cannot be a holiday and a make-up working day: {days}")
        outside = sorted(d for d in self.holidays | self.makeup_workdays if d.year != self.year)
        if outside:
            raise ValueError(f"days outside {self.year}: {', '.join(d.isoformat() for d in outside)}")


@dataclass(frozen=True, slots=True)
class Due:
    """A promise's deadline, and whether a year it counts through is not yet published."""

    deadline: date
    provisional: bool


class WorkingCalendar:
    def __init__(self, years: Iterable[CalendarYear] = ()) -> None:
        self._years = {y.year: y for y in years}

    @classmethod
    def from_days(
        cls, holidays: Iterable[date] = (), makeup_workdays: Iterable[date] = (), years: Iterable[int] = ()
    ) -> WorkingCalendar:
        """The calendar of these days, each year they fall in (and each of `years`) published."""
        off, worked = set(holidays), set(makeup_workdays)
        published = {d.year for d in off | worked} | set(years)
        return cls(
            CalendarYear(
                y, frozenset(d for d in off if d.year == y), frozenset(d for d in worked if d.year == y)
            )
            for y in sorted(published)
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WorkingCalendar) and self._years == other._years

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._years.items())))

    def __repr__(self) -> str:
        return f"WorkingCalendar(published={list(self.published_years)})"

    @property
    def published_years(self) -> tuple[int, ...]:
        return tuple(sorted(self._years))

    def year(self, year: int) -> CalendarYear | None:
        return self._years.get(year)

    def is_published(self, year: int) -> bool:
        return year in self._years

    def is_working_day(self, day: date) -> bool:
        arrangement = self._years.get(day.year)
        if arrangement is not None:
            if day in arrangement.makeup_workdays:
                return True
            if day in arrangement.holidays:
                return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The day on which `days` working days after `start` have passed (start itself not
        counted). 0 days is `start` itself."""
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        while days > 0:
            current += ONE_DAY
            if self.is_working_day(current):
                days -= 1
        return current

    def due(self, start: date, days: int) -> Due:
        """The deadline `days` working days after `start`, provisional when a year it counts
        through has no published arrangement."""
        deadline = self.add_working_days(start, days)
        return Due(deadline, self.is_provisional(start, deadline))

    def is_provisional(self, start: date, end: date) -> bool:
        """Whether a year of the days in (start, end] is not published."""
        if end <= start:
            return False
        return any(not self.is_published(y) for y in range((start + ONE_DAY).year, end.year + 1))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start (0 on the day)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, current = 0, start
        while current < end:
            current += ONE_DAY
            count += self.is_working_day(current)
        return count
