"""The policies HQ published, as recorded in our store: one document per version."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.fold import FoldProjection

from park_service_center.domain.policy import (
    PolicyEvent,
    PolicyVersion,
    PolicyVersionRecorded,
    PolicyVersionRevoked,
    PolicyVersionSuperseded,
    policy_record,
)
from park_service_center.projections.names import POLICY_VERSIONS

__all__ = ["policy_versions_projection"]


def _key(event: PolicyEvent, _: RecordedEvent) -> str:
    return f"{event.policy_id}:{event.version}"


def policy_versions_projection() -> FoldProjection[PolicyVersion]:
    return FoldProjection(
        "sc-policy-versions",
        POLICY_VERSIONS,
        (PolicyVersionRecorded, PolicyVersionSuperseded, PolicyVersionRevoked),
        PolicyVersion(policy_id="", version=0),
        policy_record.apply,
        _key,
        stamp=None,
    )
