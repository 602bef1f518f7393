"""The revoked tokens, in the collection every service's auth reads (park_shared.revocation)."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from park_shared.revocation import COLLECTION, revocation_doc
from pydantic import BaseModel

from park_headquarters.domain.revocation import TokenRevoked

__all__ = ["RevocationsProjection"]


class RevocationsProjection:
    name: str = "revocations"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, TokenRevoked):
            doc = revocation_doc(event.jti, event.issuer, event.expires_at, event.revoked_at)
            view.put(COLLECTION, event.jti, {**doc, "reason": event.reason})
