"""Referrers for inv.officer: kind, enrolment, and the sealed token of their personal data,
opened only when a response shows it. An erased referrer keeps no token at all."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_investment.domain.referrer import PersonalDataErased, ReferrerEnrolled

__all__ = ["REFERRERS", "ReferrersProjection"]

REFERRERS = "referrers"


class ReferrersProjection:
    name: str = "referrers"
    collections: tuple[str, ...] = (REFERRERS,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        match event:
            case ReferrerEnrolled():
                doc = {**event.model_dump(mode="json"), "erased": False, "erased_at": None}
                view.put(REFERRERS, event.referrer_id, doc)
            case PersonalDataErased():
                old = await view.get(REFERRERS, event.subject_id)
                if old is not None:
                    erased = {"personal": None, "erased": True, "erased_at": event.erased_at.isoformat()}
                    view.put(REFERRERS, event.subject_id, {**old, **erased})
