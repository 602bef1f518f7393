"""Working days left on HQ's calendar and policies in force (pure)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from park_dashboard.application.calendar import calendar_on
from park_dashboard.application.policies import in_force, policy_views

MONDAY = date(2025, 3, 3)
SPRING_2026 = {
    "policy_id": "working-calendar-2026", "version": 1, "kind": "working_calendar",
    "title": "2026", "effective_from": "2025-01-01",
    "terms": {"year": 2026, "holidays": [f"2026-02-{d}" for d in range(15, 24)],
              "makeup_workdays": ["2026-02-14", "2026-02-28"]},
}  # fmt: skip


def test_working_days_skip_the_weekend_when_no_calendar_is_published() -> None:
    plain = calendar_on([], MONDAY)
    assert plain.add_working_days(MONDAY, 5) == date(2025, 3, 10)
    assert plain.add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 10)  # Friday → Monday
    assert plain.working_days_between(MONDAY, date(2025, 3, 10)) == 5
    assert plain.working_days_between(date(2025, 3, 12), date(2025, 3, 10)) == -2
    assert plain.working_days_between(MONDAY, MONDAY) == 0


def test_days_left_count_on_hqs_calendar_in_force() -> None:
    calendar = calendar_on([SPRING_2026], date(2026, 2, 13))
    assert calendar.working_days_between(date(2026, 2, 13), date(2026, 2, 27)) == 5
    assert calendar.due(date(2026, 2, 13), 5).deadline == date(2026, 2, 27)
    not_yet = calendar_on([{**SPRING_2026, "effective_from": "2026-03-01"}], date(2026, 2, 13))
    assert not_yet.due(date(2026, 2, 13), 5).provisional


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 400))
def test_the_days_left_to_a_deadline_n_working_days_away_are_n(start: date, n: int) -> None:
    calendar = calendar_on([SPRING_2026], start)
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


def version(n: int, since: str, **extra: str) -> dict[str, object]:
    return {
        "policy_id": "pref",
        "version": n,
        "kind": "preferential",
        "title": f"v{n}",
        "effective_from": since,
        **extra,
    }


def test_the_latest_version_effective_and_not_revoked_is_in_force() -> None:
    docs = [version(1, "2025-01-01"), version(2, "2025-06-01"), version(3, "2025-12-01")]
    assert in_force(docs, date(2025, 7, 1))["pref"]["version"] == 2
    assert in_force(docs, date(2025, 12, 1))["pref"]["version"] == 3
    assert in_force(docs, date(2024, 12, 31)) == {}
    superseded = version(1, "2025-01-01", effective_until="2025-06-01")
    revoked = [superseded, version(2, "2025-06-01", revoked_on="2025-08-01")]
    assert in_force(revoked, date(2025, 7, 1))["pref"]["version"] == 2
    assert in_force(revoked, date(2025, 9, 1)) == {}  # a superseded version does not come back
    statuses = {v.version: v.status for v in policy_views(docs, date(2025, 7, 1))}
    assert statuses == {1: "superseded", 2: "in_force", 3: "scheduled"}
