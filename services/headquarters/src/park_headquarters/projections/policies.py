"""Policies with all their versions: the policy's own state, as its decider folds it."""

from __future__ import annotations

from typing import Any

from park_shared.events import RecordedEvent
from park_shared.projections.fold import FoldProjection

from park_headquarters.domain import policy
from park_headquarters.domain.policy_messages import (
    PolicyDraftAmended,
    PolicyDrafted,
    PolicyEvent,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
)

__all__ = ["policies_projection"]

COLLECTION = "policies"
POLICY_EVENTS = (PolicyDrafted, PolicyDraftAmended, PolicyPublished, PolicySuperseded, PolicyRevoked)


def _key(event: PolicyEvent, _: RecordedEvent) -> str:
    return event.policy_id


def _extras(state: policy.PolicyState) -> dict[str, Any]:
    published = [v for v in state.versions if v.status != "drafted"]
    return {"title": state.versions[-1].title, "published": bool(published)}


def policies_projection() -> FoldProjection[policy.PolicyState]:
    return FoldProjection(
        "policies", COLLECTION, POLICY_EVENTS, policy.PolicyState(), policy.evolve, _key, _extras, stamp=None
    )
