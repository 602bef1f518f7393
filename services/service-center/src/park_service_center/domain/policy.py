"""The local record of HQ's policies (stream `policy-<policy_id>`): HQ's PolicyPublished,
PolicySuperseded and PolicyRevoked recorded as our own events, so that the read model of
policies in force can be rebuilt from this service's store alone."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Invalid
from park_shared.events import Event
from park_shared.validity import in_effect
from pydantic import BaseModel, ConfigDict, Field, ValidationError

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


class PolicyVersion(BaseModel):
    """One version as known here; `kind` is empty until its publication was recorded."""

    model_config = ConfigDict(frozen=True)

    policy_id: str
    version: int
    kind: str = ""
    title: str = ""
    effective_from: date | None = None
    terms: dict[str, Any] = Field(default_factory=dict)
    published_at: str = ""
    effective_until: date | None = None
    revoked_on: date | None = None

    def in_force_on(self, day: date) -> bool:
        return in_effect(day, self.effective_from, self.effective_until, self.revoked_on)


class PolicyRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    versions: dict[int, PolicyVersion] = Field(default_factory=dict)


def decide(command: PolicyCommand, state: PolicyRecord) -> Sequence[PolicyEvent]:
    known = state.versions.get(command.version)
    if isinstance(command, RecordPolicyPublished):
        if known is not None and known.kind:
            return []
        try:
            parse_terms(command.kind, command.terms)
        except ValidationError as bad:
            raise Invalid(f"the {command.kind} terms are invalid: {bad}", field="terms") from None
        return [PolicyVersionRecorded(**command.model_dump())]
    if isinstance(command, RecordPolicySuperseded):
        if known is not None and known.effective_until is not None:
            return []
        return [PolicyVersionSuperseded(**command.model_dump())]
    if known is not None and known.revoked_on is not None:
        return []
    return [PolicyVersionRevoked(**command.model_dump())]


def evolve(state: PolicyRecord, event: PolicyEvent) -> PolicyRecord:
    known = state.versions.get(event.version) or PolicyVersion(
        policy_id=event.policy_id, version=event.version
    )
    if isinstance(event, PolicyVersionRecorded):
        known = known.model_copy(update=event.model_dump(exclude={"policy_id", "version"}))
    elif isinstance(event, PolicyVersionSuperseded):
        known = known.model_copy(update={"effective_until": event.effective_until})
    else:
        known = known.model_copy(update={"revoked_on": event.revoked_on})
    return PolicyRecord(versions={**state.versions, event.version: known})


policy_decider: Decider[PolicyCommand, PolicyRecord, PolicyEvent] = Decider(PolicyRecord(), decide, evolve)


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
