"""The working-day calendar of the promise system (承诺制): weekends and public holidays do
not count; make-up working days (调休) do, even on a weekend."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = ["WorkingCalendar"]

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    makeup_workdays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        both = self.holidays & self.makeup_workdays
        if both:
            days = ", ".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"a day cannot be a holiday and a make-up working day: {days}")

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
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

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, current = 0, start
        while current < end:
            current += ONE_DAY
            count += self.is_working_day(current)
        return count
