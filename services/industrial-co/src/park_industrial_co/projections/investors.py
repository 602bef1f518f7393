"""Investors for the register: type, and the sealed token of their details, opened only when a
response shows them. An erased investor keeps no token at all."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_industrial_co.domain.investor import InvestorIdentified, PersonalDataErased
from park_industrial_co.projections._json import plain

__all__ = ["INVESTORS", "InvestorsProjection"]

INVESTORS = "investors"


class InvestorsProjection:
    name: str = "investors"
    collections: tuple[str, ...] = (INVESTORS,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        match event:
            case InvestorIdentified():
                view.put(INVESTORS, event.investor_id, plain(event, erased=False, erased_at=None))
            case PersonalDataErased():
                old = await view.get(INVESTORS, event.subject_id)
                if old is not None:
                    erased = {"personal": None, "erased": True, "erased_at": event.erased_at.isoformat()}
                    view.put(INVESTORS, event.subject_id, {**old, **erased})
