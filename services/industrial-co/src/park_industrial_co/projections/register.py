"""The shareholder register: each holder's shares per offering, from the allotments."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_industrial_co.domain.offering import SharesAllotted
from park_industrial_co.projections._json import plain

__all__ = ["SHAREHOLDERS", "RegisterProjection"]

SHAREHOLDERS = "shareholders"


class RegisterProjection:
    name: str = "register"
    collections: tuple[str, ...] = (SHAREHOLDERS,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, SharesAllotted) and event.shares > 0:
            doc = plain(event, registered_at=record.meta.occurred_at)
            del doc["refund_due"]
            view.put(SHAREHOLDERS, f"{event.offering_id}/{event.investor_id}", doc)
