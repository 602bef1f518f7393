"""Policies with all their versions: the policy's own state, as its decider folds it."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_headquarters.domain import policy
from park_headquarters.domain.policy_messages import (
    PolicyDraftAmended,
    PolicyDrafted,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
)

__all__ = ["PoliciesProjection"]

COLLECTION = "policies"
POLICY_EVENTS = (PolicyDrafted, PolicyDraftAmended, PolicyPublished, PolicySuperseded, PolicyRevoked)


class PoliciesProjection:
    name: str = "policies"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if not isinstance(event, POLICY_EVENTS):
            return
        doc = await view.get(COLLECTION, event.policy_id)
        state = policy.PolicyState() if doc is None else policy.PolicyState.model_validate(doc)
        state = policy.evolve(state, event)
        published = [v for v in state.versions if v.status != "drafted"]
        view.put(
            COLLECTION,
            event.policy_id,
            {
                **state.model_dump(mode="json"),
                "title": state.versions[-1].title,
                "published": bool(published),
            },
        )
