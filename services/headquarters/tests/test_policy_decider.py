"""Versioned policies: drafted → published (effective from a date) → superseded or revoked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from park_headquarters.domain import policy
from park_headquarters.domain.policy_messages import (
    AmendDraft,
    ApplyDueSupersessions,
    DraftPolicy,
    PolicyEvent,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
    PublishPolicy,
    RevokePolicy,
)
from park_headquarters.domain.policy_timeline import in_force_on
from park_shared.errors import Conflict, Invalid, NotFound

D0 = date(2026, 3, 2)
FEES = {"items": [{"code": "F1", "name": "配套费", "amount": "100", "phase": "before_production"}]}
FEES_V2 = {"items": [{"code": "F1", "name": "配套费", "amount": "80", "phase": "before_production"}]}


def draft(terms: dict[str, object] = FEES, kind: str = "fee_schedule") -> DraftPolicy:
    return DraftPolicy.model_validate(
        {"policy_id": "fees", "kind": kind, "title": "收费标准", "terms": terms, "drafted_on": D0}
    )


def publish(version: int, effective: date, today: date = D0) -> PublishPolicy:
    at = datetime(today.year, today.month, today.day, 2, tzinfo=UTC)
    return PublishPolicy(version=version, effective_from=effective, today=today, published_at=at)


def run(*commands: object) -> list[PolicyEvent]:
    """Runs commands in order; returns every event."""
    events: list[PolicyEvent] = []
    for command in commands:
        events += policy.decider.given(events, command)  # type: ignore[arg-type]
    return events


def types(events: Sequence[PolicyEvent]) -> list[str]:
    return [type(e).__name__ for e in events]


def test_a_draft_is_version_one_with_validated_terms() -> None:
    [drafted] = policy.decider.given([], draft())
    assert drafted.version == 1 and drafted.terms["items"][0]["amount"] == "100.00"


def test_bad_terms_are_refused_naming_the_field_and_the_kind_is_fixed() -> None:
    with pytest.raises(Invalid) as bad:
        policy.decider.given(
            [], draft({"items": [{"code": "F", "name": "x", "amount": "-5", "phase": "before_production"}]})
        )
    assert bad.value.field == "terms.items.0.amount"
    with pytest.raises(Invalid) as kind:
        policy.decider.given(run(draft()), draft({"cap": "1", "rate_percent": "1"}, kind="reward"))
    assert kind.value.field == "kind"


def test_one_draft_at_a_time_which_can_be_amended_until_published() -> None:
    given = run(draft())
    with pytest.raises(Conflict, match="still a draft"):
        policy.decider.given(given, draft(FEES_V2))
    [amended] = policy.decider.given(given, AmendDraft(version=1, title="新收费标准", terms=FEES_V2))
    assert amended.terms["items"][0]["amount"] == "80.00"
    with pytest.raises(Conflict, match="only a draft"):
        policy.decider.given(run(draft(), publish(1, D0)), AmendDraft(version=1, title="x", terms=FEES))
    with pytest.raises(NotFound):
        policy.decider.given(given, publish(7, D0))


def test_publishing_effective_today_supersedes_the_version_in_force_at_once() -> None:
    events = run(
        draft(), publish(1, D0), draft(FEES_V2), publish(2, D0 + timedelta(days=3), D0 + timedelta(days=3))
    )
    assert types(events)[-2:] == ["PolicyPublished", "PolicySuperseded"]
    assert events[-1] == PolicySuperseded(
        policy_id="fees", version=1, superseded_by=2, effective_until=D0 + timedelta(days=3)
    )


def test_a_future_version_supersedes_when_its_date_arrives_and_once() -> None:
    d = D0 + timedelta(days=10)
    given = run(draft(), publish(1, D0), draft(FEES_V2), publish(2, d))
    assert isinstance(given[-1], PolicyPublished)
    assert policy.decider.given(given, ApplyDueSupersessions(today=d - timedelta(days=1))) == []
    due = policy.decider.given(given, ApplyDueSupersessions(today=d))
    assert due == [PolicySuperseded(policy_id="fees", version=1, superseded_by=2, effective_until=d)]
    assert policy.decider.given([*given, *due], ApplyDueSupersessions(today=d)) == []


def test_a_new_version_may_not_take_effect_before_the_one_in_force_or_in_the_past() -> None:
    given = run(draft(), publish(1, D0 + timedelta(days=5)), draft(FEES_V2))
    with pytest.raises(Invalid, match="before it") as early:
        policy.decider.given(given, publish(2, D0 + timedelta(days=4)))
    assert early.value.field == "effective_from"
    with pytest.raises(Invalid, match="past") as past:
        policy.decider.given(given, publish(2, D0 - timedelta(days=1)))
    assert past.value.field == "effective_from"


def test_a_revoked_version_cannot_be_published_again_and_only_published_ones_are_revoked() -> None:
    revoke = RevokePolicy(version=1, reason="违反上位法", today=D0)
    given = run(draft(), publish(1, D0), revoke)
    assert given[-1] == PolicyRevoked(policy_id="fees", version=1, revoked_on=D0, reason="违反上位法")
    with pytest.raises(Conflict, match="revoked"):
        policy.decider.given(given, publish(1, D0))
    with pytest.raises(Conflict, match="only a published"):
        policy.decider.given(given, revoke)
    with pytest.raises(Conflict, match="already published"):
        policy.decider.given(run(draft(), publish(1, D0)), publish(1, D0))


def test_revoking_a_scheduled_version_keeps_the_version_in_force() -> None:
    d = D0 + timedelta(days=10)
    events = run(
        draft(),
        publish(1, D0),
        draft(FEES_V2),
        publish(2, d),
        RevokePolicy(version=2, reason="撤回", today=D0),
    )
    assert policy.decider.given(events, ApplyDueSupersessions(today=d)) == []
    versions = policy.decider.fold(events).versions
    assert in_force_on(versions, d + timedelta(days=1)).version == 1  # type: ignore[union-attr]


def test_what_is_due_happens_before_a_late_revocation() -> None:
    d = D0 + timedelta(days=10)
    given = run(draft(), publish(1, D0), draft(FEES_V2), publish(2, d))
    events = policy.decider.given(given, RevokePolicy(version=2, reason="撤回", today=d + timedelta(days=2)))
    assert types(events) == ["PolicySuperseded", "PolicyRevoked"]
    versions = policy.decider.fold([*given, *events]).versions
    assert in_force_on(versions, d + timedelta(days=1)).version == 2  # type: ignore[union-attr]
    assert in_force_on(versions, d + timedelta(days=2)) is None
    assert in_force_on(versions, d - timedelta(days=1)).version == 1  # type: ignore[union-attr]
