"""Working days (工作日): Monday to Friday. The zone's holiday calendar belongs to the
service centre; headquarters counts weekdays only."""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["add_working_days", "is_working_day", "working_days_between"]

ONE_DAY = timedelta(days=1)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (start itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    while days > 0:
        current += ONE_DAY
        if is_working_day(current):
            days -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start)
    whole_weeks, rest = divmod((end - start).days, 7)
    count = whole_weeks * 5
    current = start + timedelta(days=whole_weeks * 7)
    for _ in range(rest):
        current += ONE_DAY
        count += is_working_day(current)
    return count
