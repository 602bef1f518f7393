"""The local read model of HQ's reward policy versions, queried as of a date."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_investment.domain.reward_policy import (
    RewardPolicyRevoked,
    RewardPolicySuperseded,
    RewardPolicyVersionRecorded,
)

__all__ = ["COLLECTION", "RewardPoliciesProjection", "version_key"]

COLLECTION = "reward_policy_versions"


def version_key(policy_id: str, version: int) -> str:
    """A version's document key."""
    return f"{policy_id}:{version}"


class RewardPoliciesProjection:
    name: str = "reward-policies"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, RewardPolicyVersionRecorded):
            doc = {**event.model_dump(mode="json"), "effective_until": None, "revoked_on": None}
            view.put(COLLECTION, version_key(event.policy_id, event.version), doc)
            return
        update: dict[str, object]
        if isinstance(event, RewardPolicySuperseded):
            update = {"effective_until": str(event.effective_until), "superseded_by": event.superseded_by}
        elif isinstance(event, RewardPolicyRevoked):
            update = {"revoked_on": str(event.revoked_on)}
        else:
            return
        key = version_key(event.policy_id, event.version)
        old = await view.get(COLLECTION, key)
        if old is not None:
            view.put(COLLECTION, key, {**old, **update})
