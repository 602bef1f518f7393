"""Working days (Monday to Friday) for the days left on a promised limit. Pure.

The dashboard has no holiday calendar of its own: headquarters' calendar is not in the event
contract, so weekends are skipped and holidays are not; the producers' deadlines stay the truth."""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["add_working_days", "working_days_left"]


def _is_working(day: date) -> bool:
    return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days after `start` (the start day itself not counted)."""
    day = start
    left = days
    while left > 0:
        day += timedelta(days=1)
        if _is_working(day):
            left -= 1
    return day


def working_days_left(today: date, deadline: date) -> int:
    """Working days from today to the deadline: 0 on the day, negative once it has passed."""
    if deadline == today:
        return 0
    step = 1 if deadline > today else -1
    count = 0
    day = today
    while day != deadline:
        day += timedelta(days=step)
        if _is_working(day):
            count += step
    return count
