"""The labour market's read model: one document per vacancy, as posted (both languages, pay
range, park, sector) with what is left of it (places left, status, when it was filled or closed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from park_shared.events import RecordedEvent
from park_shared.projections.fold import FoldProjection
from pydantic import BaseModel

from park_service_center.domain.vacancy import (
    VacancyClosed,
    VacancyEvent,
    VacancyFilled,
    VacancyPosted,
    VacancyStatus,
)
from park_service_center.projections.names import VACANCIES

__all__ = ["VacancyDoc", "vacancies_projection"]


class VacancyDoc(BaseModel):
    vacancy_id: str = ""
    enterprise_id: str = ""
    park_id: str = ""
    sector: str = ""
    title_zh: str = ""
    title_en: str = ""
    places: int = 0
    places_left: int = 0
    pay_min: Decimal = Decimal("0.00")
    pay_max: Decimal = Decimal("0.00")
    requirements_zh: str = ""
    requirements_en: str = ""
    status: VacancyStatus = "none"
    posted_on: date | None = None
    filled_on: date | None = None
    """The day its last place was filled."""
    closed_on: date | None = None
    close_reason: str | None = None


def evolve(doc: VacancyDoc, event: VacancyEvent) -> VacancyDoc:
    match event:
        case VacancyPosted():
            return VacancyDoc(
                **event.model_dump(include=set(VacancyDoc.model_fields)),
                places_left=event.places,
                status="open",
            )
        case VacancyFilled():
            filled = event.places_left == 0
            return doc.model_copy(
                update={
                    "places_left": event.places_left,
                    "status": "filled" if filled else "open",
                    "filled_on": event.filled_on if filled else None,
                }
            )
        case VacancyClosed():
            return doc.model_copy(
                update={"status": "closed", "closed_on": event.closed_on, "close_reason": event.reason}
            )


def _key(event: VacancyEvent, _: RecordedEvent) -> str:
    return event.vacancy_id


def vacancies_projection() -> FoldProjection[VacancyDoc]:
    return FoldProjection(
        "sc-vacancies", VACANCIES, (VacancyPosted, VacancyFilled, VacancyClosed), VacancyDoc(), evolve, _key
    )
