"""HQ's reward policy (奖励办法) as recorded here: one stream per policy id holding every
version with its lifetime, so a reward is computed by the version in force on a past date.
Recorded from HQ's PolicyPublished/Superseded/Revoked; repeated or unknown facts change nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

from park_investment.domain.reward import PolicyVersion, RewardTerms

__all__ = [
    "RecordPolicyPublished",
    "RecordPolicyRevoked",
    "RecordPolicySuperseded",
    "RewardPolicy",
    "RewardPolicyCommand",
    "RewardPolicyRevoked",
    "RewardPolicySuperseded",
    "RewardPolicyVersionRecorded",
    "reward_policy_decider",
]


class RecordPolicyPublished(Command):
    policy_id: str
    version: int
    title: str
    effective_from: date
    terms: RewardTerms


class RecordPolicySuperseded(Command):
    policy_id: str
    version: int
    superseded_by: int
    effective_until: date


class RecordPolicyRevoked(Command):
    policy_id: str
    version: int
    revoked_on: date


class RewardPolicyVersionRecorded(Event):
    """Internal: a version of HQ's reward policy, as published."""

    policy_id: str
    version: int
    title: str
    effective_from: date
    terms: RewardTerms


class RewardPolicySuperseded(Event):
    """Internal: HQ superseded the version; it is in force up to `effective_until`."""

    policy_id: str
    version: int
    superseded_by: int
    effective_until: date


class RewardPolicyRevoked(Event):
    """Internal: HQ revoked the version from `revoked_on`."""

    policy_id: str
    version: int
    revoked_on: date


RewardPolicyCommand = RecordPolicyPublished | RecordPolicySuperseded | RecordPolicyRevoked
PolicyEvent = RewardPolicyVersionRecorded | RewardPolicySuperseded | RewardPolicyRevoked


class RewardPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)
    versions: dict[int, PolicyVersion] = {}


def decide(command: RewardPolicyCommand, state: RewardPolicy) -> Sequence[PolicyEvent]:
    known = state.versions.get(command.version)
    policy_id, version = command.policy_id, command.version
    match command:
        case RecordPolicyPublished():
            if known:
                return []
            return [
                RewardPolicyVersionRecorded(
                    policy_id=policy_id,
                    version=version,
                    title=command.title,
                    effective_from=command.effective_from,
                    terms=command.terms,
                )
            ]
        case RecordPolicySuperseded():
            if known is None or known.effective_until == command.effective_until:
                return []
            return [
                RewardPolicySuperseded(
                    policy_id=policy_id,
                    version=version,
                    superseded_by=command.superseded_by,
                    effective_until=command.effective_until,
                )
            ]
        case RecordPolicyRevoked():
            if known is None or known.revoked_on is not None:
                return []
            return [RewardPolicyRevoked(policy_id=policy_id, version=version, revoked_on=command.revoked_on)]


def evolve(state: RewardPolicy, event: PolicyEvent) -> RewardPolicy:
    versions = dict(state.versions)
    match event:
        case RewardPolicyVersionRecorded():
            versions[event.version] = PolicyVersion(
                policy_id=event.policy_id,
                version=event.version,
                effective_from=event.effective_from,
                terms=event.terms,
            )
        case RewardPolicySuperseded() if event.version in versions:
            update = {"effective_until": event.effective_until}
            versions[event.version] = versions[event.version].model_copy(update=update)
        case RewardPolicyRevoked() if event.version in versions:
            update = {"revoked_on": event.revoked_on}
            versions[event.version] = versions[event.version].model_copy(update=update)
    return RewardPolicy(versions=versions)


reward_policy_decider: Decider[RewardPolicyCommand, RewardPolicy, PolicyEvent] = Decider(
    RewardPolicy(), decide, evolve
)
