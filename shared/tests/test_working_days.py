"""The zone's working-day calendar: weekends, public holidays, make-up working days (调休), and
years not yet published (provisional: weekends only)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from park_shared.validity import in_effect
from park_shared.working_days import CalendarYear, WorkingCalendar

HOLIDAY = date(2026, 4, 6)  # a Monday
MAKEUP = date(2026, 4, 11)  # a Saturday worked instead
CALENDAR = WorkingCalendar.from_days({HOLIDAY}, {MAKEUP})
SPRING_2026 = WorkingCalendar(
    [
        CalendarYear(
            2026,
            frozenset(date(2026, 2, d) for d in range(15, 24)),
            frozenset({date(2026, 2, 14), date(2026, 2, 28)}),
        )
    ]
)


def test_a_plain_week_skips_the_weekend() -> None:
    plain = WorkingCalendar()
    assert plain.add_working_days(date(2026, 3, 5), 1) == date(2026, 3, 6)  # Thu -> Fri
    assert plain.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Fri -> Mon
    assert plain.add_working_days(date(2026, 3, 6), 0) == date(2026, 3, 6)


def test_a_holiday_does_not_count_and_a_makeup_saturday_does() -> None:
    thursday = date(2026, 4, 2)
    # Fri 3 (1), weekend, Mon 6 holiday, Tue 7 (2) .. Fri 10 (5), Sat 11 make-up (6)
    assert CALENDAR.add_working_days(thursday, 1) == date(2026, 4, 3)
    assert CALENDAR.add_working_days(thursday, 2) == date(2026, 4, 7)
    assert CALENDAR.add_working_days(thursday, 5) == date(2026, 4, 10)
    assert CALENDAR.add_working_days(thursday, 6) == MAKEUP
    assert CALENDAR.add_working_days(thursday, 7) == date(2026, 4, 13)
    assert not CALENDAR.is_working_day(HOLIDAY) and CALENDAR.is_working_day(MAKEUP)
    assert CALENDAR.working_days_between(thursday, date(2026, 4, 13)) == 7


def test_five_working_days_from_friday_13_february_2026_end_on_the_27th() -> None:
    due = SPRING_2026.due(date(2026, 2, 13), 5)
    # Sat 14 worked (1), 15-23 off, Tue 24 (2), 25 (3), 26 (4), Fri 27 (5)
    assert due.deadline == date(2026, 2, 27) and not due.provisional


def test_a_deadline_counted_into_an_unpublished_year_is_provisional() -> None:
    due = SPRING_2026.due(date(2026, 12, 29), 5)
    assert due.deadline == date(2027, 1, 5)  # weekends only in 2027
    assert due.provisional
    assert not SPRING_2026.due(date(2026, 12, 21), 5).provisional
    assert WorkingCalendar().due(date(2028, 2, 28), 0) == SPRING_2026.due(date(2028, 2, 28), 0)


def test_a_day_cannot_be_both_holiday_and_makeup_nor_outside_its_year() -> None:
    with pytest.raises(ValueError, match="holiday and a make-up"):
        CalendarYear(2026, frozenset({HOLIDAY}), frozenset({HOLIDAY}))
    with pytest.raises(ValueError, match="outside 2027"):
        CalendarYear(2027, frozenset({HOLIDAY}))


def test_validity_from_is_inclusive_until_is_exclusive_and_revocation_ends_that_day() -> None:
    start, successor = date(2026, 3, 1), date(2026, 4, 1)
    assert not in_effect(start - timedelta(days=1), start)
    assert in_effect(start, start) and in_effect(successor - timedelta(days=1), start, successor)
    assert not in_effect(successor, start, successor)
    assert not in_effect(date(2026, 3, 10), start, None, revoked_on=date(2026, 3, 10))
    assert not in_effect(start, None)


days = st.dates(date(2025, 1, 1), date(2028, 12, 31))


@given(days, st.integers(0, 400))
def test_counting_back_gives_the_days_added(start: date, n: int) -> None:
    end = SPRING_2026.add_working_days(start, n)
    assert SPRING_2026.working_days_between(start, end) == n
    assert SPRING_2026.working_days_between(end, start) == -n
    assert n == 0 or SPRING_2026.is_working_day(end)
    assert n == 0 or SPRING_2026.working_days_between(start, end - timedelta(days=1)) == n - 1


@given(days, days)
def test_counting_agrees_with_walking_day_by_day(a: date, b: date) -> None:
    lo, hi = sorted((a, b))
    walked = sum(CALENDAR.is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert CALENDAR.working_days_between(lo, hi) == walked
