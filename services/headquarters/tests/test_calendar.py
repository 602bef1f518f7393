"""Working days are Monday to Friday (the holiday calendar is the service centre's)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from park_headquarters.domain.calendar import add_working_days, is_working_day, working_days_between

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


def test_a_friday_request_with_five_working_days_is_due_the_next_friday() -> None:
    friday = date(2026, 3, 6)
    assert add_working_days(friday, 5) == date(2026, 3, 13)
    assert add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)  # Saturday → Monday


def test_working_days_between_counts_weekdays_after_the_start() -> None:
    monday = date(2026, 3, 2)
    assert working_days_between(monday, monday) == 0
    assert working_days_between(monday, monday + timedelta(days=7)) == 5
    assert working_days_between(monday + timedelta(days=7), monday) == -5
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 8)) == 0  # Fri → Sun


@given(days, st.integers(min_value=1, max_value=400))
def test_the_deadline_is_a_working_day_exactly_n_working_days_later(start: date, n: int) -> None:
    deadline = add_working_days(start, n)
    assert is_working_day(deadline)
    assert working_days_between(start, deadline) == n
    assert working_days_between(start, deadline - timedelta(days=1)) == n - 1


@given(days, days)
def test_counting_agrees_with_walking_day_by_day(a: date, b: date) -> None:
    lo, hi = sorted((a, b))
    walked = sum(is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert working_days_between(lo, hi) == walked
    assert working_days_between(hi, lo) == -walked
