"""Working days left and policies in force (pure)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from park_dashboard.application.policies import in_force, policy_views
from park_dashboard.domain.workdays import add_working_days, working_days_left

MONDAY = date(2025, 3, 3)


def test_working_days_skip_the_weekend() -> None:
    assert add_working_days(MONDAY, 5) == date(2025, 3, 10)
    assert add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 10)  # Friday → Monday
    assert working_days_left(MONDAY, date(2025, 3, 10)) == 5
    assert working_days_left(date(2025, 3, 12), date(2025, 3, 10)) == -2
    assert working_days_left(MONDAY, MONDAY) == 0


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 400))
def test_the_days_left_to_a_deadline_n_working_days_away_are_n(start: date, n: int) -> None:
    if start.weekday() >= 5:  # counting starts from a working day
        start += timedelta(days=7 - start.weekday())
    assert working_days_left(start, add_working_days(start, n)) == n


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
    revoked = [version(1, "2025-01-01"), version(2, "2025-06-01", revoked_on="2025-08-01")]
    assert in_force(revoked, date(2025, 9, 1))["pref"]["version"] == 1
    statuses = {v.version: v.status for v in policy_views(docs, date(2025, 7, 1))}
    assert statuses == {1: "superseded", 2: "in_force", 3: "scheduled"}
