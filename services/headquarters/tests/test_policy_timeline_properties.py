"""Property: whatever is drafted, published, revoked and superseded, on every past date at
most one version is in force, and the as-of-date query agrees with the recorded periods."""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from park_headquarters.domain import policy
from park_headquarters.domain.policy_messages import (
    ApplyDueSupersessions,
    DraftPolicy,
    PolicyCommand,
    PolicyEvent,
    PublishPolicy,
    RevokePolicy,
)
from park_headquarters.domain.policy_timeline import PolicyVersion, in_force_on
from park_shared.errors import DomainError

D0 = date(2026, 1, 1)
FEES = {"items": [{"code": "F1", "name": "费", "amount": "1", "phase": "after_production"}]}

ops = st.lists(
    st.one_of(
        st.tuples(st.just("draft"), st.just(0)),
        st.tuples(st.just("publish"), st.integers(0, 3)),
        st.tuples(st.just("release"), st.integers(0, 3)),
        st.tuples(st.just("revoke"), st.integers(1, 4)),
        st.tuples(st.just("advance"), st.integers(1, 3)),
        st.tuples(st.just("tick"), st.just(0)),
    ),
    max_size=20,
)


def command(op: str, n: int, today: date, versions: int) -> PolicyCommand | None:
    if op == "draft":
        return DraftPolicy(policy_id="p", kind="fee_schedule", title="t", terms=FEES, drafted_on=today)
    if op == "publish":
        at = datetime(today.year, today.month, today.day, tzinfo=UTC)
        return PublishPolicy(
            version=versions, effective_from=today + timedelta(days=n), today=today, published_at=at
        )
    if op == "revoke":
        return RevokePolicy(version=n, reason="r", today=today)
    if op == "tick":
        return ApplyDueSupersessions(today=today)
    return None


def expand(step: tuple[str, int]) -> list[tuple[str, int]]:
    return [("draft", 0), ("publish", step[1])] if step[0] == "release" else [step]


def in_recorded_period(v: PolicyVersion, day: date) -> bool:
    if v.effective_from is None or day < v.effective_from:
        return False
    ends = [e for e in (v.effective_until, v.revoked_on) if e is not None]
    return not ends or day < min(ends)


@settings(max_examples=150, deadline=None)
@given(ops)
def test_one_version_in_force_per_day_and_as_of_agrees_with_the_record(steps: list[tuple[str, int]]) -> None:
    today, events = D0, list[PolicyEvent]()
    for op, n in [s for step in steps for s in expand(step)]:
        if op == "advance":
            today += timedelta(days=n)
            continue
        state = policy.decider.fold(events)
        c = command(op, n, today, len(state.versions))
        with suppress(DomainError):  # a refused command changes nothing
            events += policy.decider.decide(c, state)  # type: ignore[arg-type]
    events += policy.decider.given(events, ApplyDueSupersessions(today=today))
    versions = policy.decider.fold(events).versions
    for offset in range((today - D0).days + 1):
        day = D0 + timedelta(days=offset)
        recorded = [v.version for v in versions if in_recorded_period(v, day)]
        assert len(recorded) <= 1, (day, recorded)
        found = in_force_on(versions, day)
        assert (found.version if found else None) == (recorded[0] if recorded else None), day
