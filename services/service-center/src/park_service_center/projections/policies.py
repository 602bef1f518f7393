"""The policies HQ published, as recorded in our store: one document per version."""

from __future__ import annotations

from park_shared.events import RecordedEvent

from park_service_center.domain.policy import (
    PolicyEvent,
    PolicyRecord,
    PolicyVersion,
    PolicyVersionRecorded,
    PolicyVersionRevoked,
    PolicyVersionSuperseded,
    policy_decider,
)
from park_service_center.projections.fold import FoldProjection
from park_service_center.projections.names import POLICY_VERSIONS

__all__ = ["policy_versions_projection"]


def _evolve(state: PolicyVersion, event: PolicyEvent) -> PolicyVersion:
    record = PolicyRecord(versions={event.version: state} if state.policy_id else {})
    return policy_decider.evolve(record, event).versions[event.version]


def _key(event: PolicyEvent, _: RecordedEvent) -> str:
    return f"{event.policy_id}:{event.version}"


def policy_versions_projection() -> FoldProjection[PolicyVersion]:
    return FoldProjection(
        "sc-policy-versions",
        POLICY_VERSIONS,
        (PolicyVersionRecorded, PolicyVersionSuperseded, PolicyVersionRevoked),
        PolicyVersion(policy_id="", version=0),
        _evolve,
        _key,
    )
