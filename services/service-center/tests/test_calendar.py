"""The working-day calendar: weekends, public holidays, make-up working days (调休)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from park_service_center.domain.calendar import WorkingCalendar
from park_service_center.settings import ServiceCenterSettings

HOLIDAY = date(2026, 4, 6)  # a Monday
MAKEUP = date(2026, 4, 11)  # a Saturday worked instead
CALENDAR = WorkingCalendar(frozenset({HOLIDAY}), frozenset({MAKEUP}))


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


def test_a_day_cannot_be_both_holiday_and_makeup() -> None:
    with pytest.raises(ValueError, match="holiday and a make-up"):
        WorkingCalendar(frozenset({HOLIDAY}), frozenset({HOLIDAY}))


def test_settings_build_the_calendar_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SC_PUBLIC_HOLIDAYS", '["2026-04-06"]')
    monkeypatch.setenv("SC_MAKEUP_WORKDAYS", '["2026-04-11"]')
    assert ServiceCenterSettings().calendar() == CALENDAR


days = st.dates(date(2026, 1, 1), date(2027, 12, 31))


@given(days, st.integers(0, 40))
def test_counting_back_gives_the_days_added(start: date, n: int) -> None:
    end = CALENDAR.add_working_days(start, n)
    assert CALENDAR.working_days_between(start, end) == n
    assert n == 0 or CALENDAR.is_working_day(end)
    assert (
        n == 0
        or not CALENDAR.is_working_day(end - timedelta(days=1))
        or (CALENDAR.add_working_days(start, n - 1) == end - timedelta(days=1))
    )
