"""The vocabulary of policies: commands and events (PolicyPublished, PolicySuperseded and
PolicyRevoked are contract events: docs/events.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from park_shared.command import Command
from park_shared.events import Event

from park_headquarters.domain.policy_terms import PolicyKind

__all__ = [
    "AdoptCalendar",
    "AmendDraft",
    "ApplyDueSupersessions",
    "DraftPolicy",
    "DraftVersion",
    "PolicyCommand",
    "PolicyDraftAmended",
    "PolicyDrafted",
    "PolicyEvent",
    "PolicyPublished",
    "PolicyRevoked",
    "PolicySuperseded",
    "PublishPolicy",
    "RevokePolicy",
]


class DraftPolicy(Command):
    policy_id: str
    kind: PolicyKind
    title: str
    terms: dict[str, Any]
    drafted_on: date


class DraftVersion(Command):
    """Drafts the next version of an existing policy (of the policy's kind)."""

    title: str
    terms: dict[str, Any]
    drafted_on: date


class AmendDraft(Command):
    version: int
    title: str
    terms: dict[str, Any]


class PublishPolicy(Command):
    version: int
    effective_from: date
    today: date
    published_at: datetime


class RevokePolicy(Command):
    version: int
    reason: str
    today: date


class ApplyDueSupersessions(Command):
    today: date


class AdoptCalendar(Command):
    """Adopts a year's published arrangement (the State Council's) as version 1 of the year's
    calendar, in force from `effective_from`; nothing when the year has a calendar already."""

    policy_id: str
    title: str
    terms: dict[str, Any]
    effective_from: date
    today: date
    published_at: datetime


PolicyCommand = (
    DraftPolicy
    | DraftVersion
    | AmendDraft
    | PublishPolicy
    | RevokePolicy
    | ApplyDueSupersessions
    | AdoptCalendar
)


class PolicyDrafted(Event):
    policy_id: str
    version: int
    kind: PolicyKind
    title: str
    terms: dict[str, Any]
    drafted_on: date


class PolicyDraftAmended(Event):
    policy_id: str
    version: int
    title: str
    terms: dict[str, Any]


class PolicyPublished(Event):
    policy_id: str
    version: int
    kind: PolicyKind
    title: str
    effective_from: date
    terms: dict[str, Any]
    published_at: datetime


class PolicySuperseded(Event):
    policy_id: str
    version: int
    superseded_by: int
    effective_until: date


class PolicyRevoked(Event):
    policy_id: str
    version: int
    revoked_on: date
    reason: str


PolicyEvent = PolicyDrafted | PolicyDraftAmended | PolicyPublished | PolicySuperseded | PolicyRevoked
