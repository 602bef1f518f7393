"""Policies (政策), versioned: drafted → published (effective from a date) → superseded by the
next version when it takes effect, or revoked. One version of a policy is in force at a time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from pydantic import BaseModel, ConfigDict

from park_headquarters.domain.policy_messages import (
    AdoptCalendar,
    AmendDraft,
    ApplyDueSupersessions,
    DraftPolicy,
    DraftVersion,
    PolicyCommand,
    PolicyDraftAmended,
    PolicyDrafted,
    PolicyEvent,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
    PublishPolicy,
    RevokePolicy,
)
from park_headquarters.domain.policy_terms import (
    PolicyKind,
    WorkingCalendarTerms,
    calendar_policy_id,
    parse_terms,
)
from park_headquarters.domain.policy_timeline import PolicyVersion, due_supersessions

__all__ = ["PolicyState", "decider"]


class PolicyState(BaseModel):
    model_config = ConfigDict(frozen=True)

    policy_id: str = ""
    kind: PolicyKind | None = None
    versions: tuple[PolicyVersion, ...] = ()

    def get(self, version: int) -> PolicyVersion:
        for v in self.versions:
            if v.version == version:
                return v
        raise NotFound(f"policy {self.policy_id!r} has no version {version}", version=version)


def _draft(c: DraftPolicy, s: PolicyState) -> list[PolicyEvent]:
    if s.kind is not None and c.kind != s.kind:
        raise Invalid(f"policy {s.policy_id} is a {s.kind} policy, not {c.kind}", field="kind")
    open_draft = next((v for v in s.versions if v.status == "drafted"), None)
    if open_draft is not None:
        raise Conflict(
            f"version {open_draft.version} of {c.policy_id} is still a draft: amend or publish it",
            version=open_draft.version,
        )
    terms = _terms(c.kind, c.policy_id, c.terms, new=s.kind is None)
    version = len(s.versions) + 1
    return [PolicyDrafted(**c.model_dump(exclude={"terms"}), version=version, terms=terms)]


def _next_version(c: DraftVersion, s: PolicyState) -> DraftPolicy:
    assert s.kind is not None
    return DraftPolicy(
        policy_id=s.policy_id, kind=s.kind, title=c.title, terms=c.terms, drafted_on=c.drafted_on
    )


def _terms(kind: PolicyKind, policy_id: str, raw: dict[str, Any], *, new: bool) -> dict[str, Any]:
    """The validated terms; a year's calendar is the one policy of that year (a new policy's id
    names the wrong year, or a later version's terms do)."""
    terms = parse_terms(kind, raw)
    if isinstance(terms, WorkingCalendarTerms) and policy_id != calendar_policy_id(terms.year):
        expected = calendar_policy_id(terms.year)
        wrong = f"the calendar of {terms.year} is the policy {expected!r}, not {policy_id!r}"
        raise Invalid(wrong, field="policy_id" if new else "terms.year")
    return terms.model_dump(mode="json")


def _adopt(c: AdoptCalendar, s: PolicyState) -> list[PolicyEvent]:
    if s.kind is not None:
        return []
    terms = _terms("working_calendar", c.policy_id, c.terms, new=True)
    drafted = PolicyDrafted(
        policy_id=c.policy_id, version=1, kind="working_calendar", title=c.title, terms=terms,
        drafted_on=c.today,
    )  # fmt: skip
    published = PolicyPublished(
        policy_id=c.policy_id, version=1, kind="working_calendar", title=c.title,
        effective_from=c.effective_from, terms=terms, published_at=c.published_at,
    )  # fmt: skip
    return [drafted, published]


def _amend(c: AmendDraft, s: PolicyState) -> list[PolicyEvent]:
    v = _existing(s).get(c.version)
    if v.status != "drafted":
        raise Conflict(f"version {v.version} is {v.status}; only a draft can be amended")
    assert s.kind is not None
    terms = _terms(s.kind, s.policy_id, c.terms, new=False)
    return [PolicyDraftAmended(policy_id=s.policy_id, version=v.version, title=c.title, terms=terms)]


def _check_effective_date(c: PublishPolicy, s: PolicyState) -> None:
    """Not in the past, and not before the latest version published (in force or scheduled)."""
    if c.effective_from < c.today:
        raise Invalid(f"a policy can't take effect in the past ({c.today})", field="effective_from")
    latest = max(
        (p for p in s.versions if p.status in ("published", "superseded")),
        key=lambda p: (p.effective_from or date.min, p.version),
        default=None,
    )
    if latest is not None and latest.effective_from and c.effective_from < latest.effective_from:
        raise Invalid(
            f"version {latest.version} is in force from {latest.effective_from}; "
            "a new version can't take effect before it",
            field="effective_from",
        )


def _publish(c: PublishPolicy, s: PolicyState) -> list[PolicyEvent]:
    v = _existing(s).get(c.version)
    if v.status == "revoked":
        raise Conflict(f"version {v.version} was revoked on {v.revoked_on}; draft a new version")
    if v.status != "drafted":
        raise Conflict(f"version {v.version} is already {v.status}")
    _check_effective_date(c, s)
    assert s.kind is not None
    return [
        PolicyPublished(
            policy_id=s.policy_id,
            version=v.version,
            kind=s.kind,
            title=v.title,
            effective_from=c.effective_from,
            terms=v.terms,
            published_at=c.published_at,
        )
    ]


def _revoke(c: RevokePolicy, s: PolicyState) -> list[PolicyEvent]:
    v = _existing(s).get(c.version)
    if v.status != "published":
        raise Conflict(f"version {v.version} is {v.status}; only a published version can be revoked")
    return [PolicyRevoked(policy_id=s.policy_id, version=v.version, revoked_on=c.today, reason=c.reason)]


def _supersessions(s: PolicyState, today: date) -> list[PolicyEvent]:
    return [
        PolicySuperseded(policy_id=s.policy_id, **due.model_dump())
        for due in due_supersessions(s.versions, today)
    ]


def _existing(s: PolicyState) -> PolicyState:
    if s.kind is None:
        raise NotFound("there is no such policy")
    return s


def decide(command: PolicyCommand, state: PolicyState) -> Sequence[PolicyEvent]:
    if isinstance(command, DraftPolicy):
        return _draft(command, state)
    if isinstance(command, DraftVersion):
        return _draft(_next_version(command, _existing(state)), state)
    if isinstance(command, AmendDraft):
        return _amend(command, state)
    if isinstance(command, ApplyDueSupersessions):
        return _supersessions(state, command.today)
    if isinstance(command, AdoptCalendar):
        return _adopt(command, state)
    before = _supersessions(state, command.today)  # what is due happens first
    current = decider.fold(before, state)
    act = _publish(command, current) if isinstance(command, PublishPolicy) else _revoke(command, current)
    return before + act + _supersessions(decider.fold(act, current), command.today)


def _changes(
    event: PolicyDraftAmended | PolicyPublished | PolicySuperseded | PolicyRevoked,
) -> dict[str, Any]:
    """What an event changes in its version."""
    if isinstance(event, PolicyDraftAmended):
        return {"title": event.title, "terms": event.terms}
    if isinstance(event, PolicyPublished):
        return {
            "status": "published",
            "effective_from": event.effective_from,
            "published_at": event.published_at,
        }
    if isinstance(event, PolicySuperseded):
        until = event.effective_until
        return {"status": "superseded", "superseded_by": event.superseded_by, "effective_until": until}
    return {"status": "revoked", "revoked_on": event.revoked_on, "revocation_reason": event.reason}


def evolve(state: PolicyState, event: PolicyEvent) -> PolicyState:
    if isinstance(event, PolicyDrafted):
        draft = PolicyVersion(**event.model_dump(exclude={"policy_id", "kind"}))
        update = {"policy_id": event.policy_id, "kind": event.kind}
        return state.model_copy(update={**update, "versions": (*state.versions, draft)})
    changes = _changes(event)
    versions = tuple(
        v.model_copy(update=changes) if v.version == event.version else v for v in state.versions
    )
    return state.model_copy(update={"versions": versions})


decider: Decider[PolicyCommand, PolicyState, PolicyEvent] = Decider(PolicyState(), decide, evolve)
