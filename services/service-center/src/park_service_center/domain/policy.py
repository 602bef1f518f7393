"""The local record of HQ's policies (stream `policy-<policy_id>`): HQ's PolicyPublished,
PolicySuperseded and PolicyRevoked recorded as our own events, so that the read model of
policies in force can be rebuilt from this service's store alone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Invalid
from park_shared.events import Event
from park_shared.recorded_versions import RecordedVersion, RecordedVersions, Versions
from pydantic import Field, ValidationError

from park_service_center.domain.policy_terms import parse_terms

__all__ = [
    "PolicyCommand",
    "PolicyEvent",
    "PolicyRecord",
    "PolicyVersion",
    "PolicyVersionRecorded",
    "PolicyVersionRevoked",
    "PolicyVersionSuperseded",
    "RecordPolicyPublished",
    "RecordPolicyRevoked",
    "RecordPolicySuperseded",
    "in_force",
    "latest_in_force",
    "policy_decider",
    "policy_record",
]


class RecordPolicyPublished(Command):
    policy_id: str
    version: int = Field(ge=1)
    kind: str
    title: str = ""
    effective_from: date
    terms: dict[str, Any]
    published_at: str = ""


class RecordPolicySuperseded(Command):
    policy_id: str
    version: int = Field(ge=1)
    superseded_by: int
    effective_until: date


class RecordPolicyRevoked(Command):
    policy_id: str
    version: int = Field(ge=1)
    revoked_on: date
    reason: str = ""


PolicyCommand = RecordPolicyPublished | RecordPolicySuperseded | RecordPolicyRevoked


class PolicyVersionRecorded(Event):
    policy_id: str
    version: int
    kind: str
    title: str
    effective_from: date
    terms: dict[str, Any]
    published_at: str


class PolicyVersionSuperseded(Event):
    policy_id: str
    version: int
    superseded_by: int
    effective_until: date


class PolicyVersionRevoked(Event):
    policy_id: str
    version: int
    revoked_on: date
    reason: str


PolicyEvent = PolicyVersionRecorded | PolicyVersionSuperseded | PolicyVersionRevoked


class PolicyVersion(RecordedVersion):
    """One version as known here; `kind` is empty until its publication was recorded."""

    kind: str = ""
    title: str = ""
    terms: dict[str, Any] = Field(default_factory=dict)


PolicyRecord = Versions[PolicyVersion]


def _check_terms(command: RecordPolicyPublished) -> None:
    try:
        parse_terms(command.kind, command.terms)
    except ValidationError as bad:
        raise Invalid(f"the {command.kind} terms are invalid: {bad}", field="terms") from None


policy_record = RecordedVersions(
    PolicyVersion,
    RecordPolicyPublished,
    PolicyVersionRecorded,
    RecordPolicySuperseded,
    PolicyVersionSuperseded,
    RecordPolicyRevoked,
    PolicyVersionRevoked,
    early=True,
    check=_check_terms,
)
"""HQ's supersessions and revocations are recorded even before the version's publication."""

policy_decider: Decider[PolicyCommand, PolicyRecord, PolicyEvent] = policy_record.decider()


def in_force(versions: Iterable[PolicyVersion], day: date, kind: str) -> list[PolicyVersion]:
    """Per policy of `kind`, the latest version in force on `day` (effective, not revoked,
    not past its supersession)."""
    best: dict[str, PolicyVersion] = {}
    for v in versions:
        if v.kind == kind and v.in_force_on(day):
            current = best.get(v.policy_id)
            if current is None or v.version > current.version:
                best[v.policy_id] = v
    return sorted(best.values(), key=lambda v: v.policy_id)


def latest_in_force(versions: Iterable[PolicyVersion], day: date, kind: str) -> PolicyVersion | None:
    """The one policy of a single-instance kind (catalogue, fee schedule) in force on `day`:
    when several policy ids are, the one effective most recently."""
    candidates = in_force(versions, day, kind)
    if not candidates:
        return None
    return max(candidates, key=lambda v: (v.effective_from or date.min, v.published_at, v.policy_id))
