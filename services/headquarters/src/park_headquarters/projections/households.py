"""Households of requisition cases, for officials: case, collective, registration, and the sealed
token of their personal data, opened only when a response shows it. An erased household keeps
no token at all."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_headquarters.domain.household import HouseholdRegistered, PersonalDataErased

__all__ = ["HOUSEHOLDS", "HouseholdsProjection"]

HOUSEHOLDS = "households"


class HouseholdsProjection:
    name: str = "households"
    collections: tuple[str, ...] = (HOUSEHOLDS,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        match event:
            case HouseholdRegistered():
                doc = {**event.model_dump(mode="json"), "erased": False, "erased_at": None}
                view.put(HOUSEHOLDS, event.household_id, doc)
            case PersonalDataErased():
                old = await view.get(HOUSEHOLDS, event.subject_id)
                if old is not None:
                    erased = {"personal": None, "erased": True, "erased_at": event.erased_at.isoformat()}
                    view.put(HOUSEHOLDS, event.subject_id, {**old, **erased})
