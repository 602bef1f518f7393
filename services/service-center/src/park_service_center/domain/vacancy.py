"""The zone's labour market (人力资源市场化配置): enterprises of either park post vacancies, fill
them (some or all places) or close them; open vacancies are listed publicly in both languages."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict, Field

from park_service_center.domain.money import PositiveMoney

__all__ = [
    "CloseVacancy",
    "FillPlaces",
    "PostVacancy",
    "VacancyClosed",
    "VacancyCommand",
    "VacancyEvent",
    "VacancyFilled",
    "VacancyPosted",
    "VacancyState",
    "VacancyStatus",
    "decider",
    "new_vacancy_id",
]

VacancyStatus = Literal["none", "open", "filled", "closed"]


def new_vacancy_id() -> str:
    return f"vacancy-{uuid.uuid4().hex}"


class PostVacancy(Command):
    vacancy_id: str
    enterprise_id: str
    park_id: str
    sector: str = Field(min_length=1)
    title_zh: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    places: int = Field(ge=1, le=10_000)
    pay_min: PositiveMoney
    pay_max: PositiveMoney
    """Monthly pay range, yuan."""
    requirements_zh: str = ""
    requirements_en: str = ""
    posted_on: date


class FillPlaces(Command):
    vacancy_id: str
    enterprise_id: str
    places: int = Field(ge=1)
    filled_on: date


class CloseVacancy(Command):
    vacancy_id: str
    enterprise_id: str
    reason: str = Field(min_length=1)
    closed_on: date


VacancyCommand = PostVacancy | FillPlaces | CloseVacancy


class VacancyPosted(Event):
    vacancy_id: str
    enterprise_id: str
    park_id: str
    sector: str
    title_zh: str
    title_en: str
    places: int
    pay_min: PositiveMoney
    pay_max: PositiveMoney
    requirements_zh: str
    requirements_en: str
    posted_on: date


class VacancyFilled(Event):
    vacancy_id: str
    places: int
    places_left: int
    filled_on: date


class VacancyClosed(Event):
    vacancy_id: str
    places_left: int
    reason: str
    closed_on: date


VacancyEvent = VacancyPosted | VacancyFilled | VacancyClosed


class VacancyState(BaseModel):
    model_config = ConfigDict(frozen=True)

    vacancy_id: str = ""
    enterprise_id: str = ""
    status: VacancyStatus = "none"
    places_left: int = 0


def _post(c: PostVacancy, s: VacancyState) -> list[VacancyEvent]:
    if s.status != "none":
        raise Conflict(f"vacancy {c.vacancy_id} exists already", vacancy_id=c.vacancy_id)
    if c.pay_max < c.pay_min:
        raise Invalid(f"the pay range is upside down: {c.pay_max} is below {c.pay_min}", field="pay_max")
    return [
        VacancyPosted(
            vacancy_id=c.vacancy_id,
            enterprise_id=c.enterprise_id,
            park_id=c.park_id,
            sector=c.sector,
            title_zh=c.title_zh,
            title_en=c.title_en,
            places=c.places,
            pay_min=c.pay_min,
            pay_max=c.pay_max,
            requirements_zh=c.requirements_zh,
            requirements_en=c.requirements_en,
            posted_on=c.posted_on,
        )
    ]


def _open_for(s: VacancyState, enterprise_id: str) -> None:
    if s.status == "none":
        raise NotFound("there is no such vacancy")
    if s.enterprise_id != enterprise_id:
        raise Invalid(f"vacancy {s.vacancy_id} is not {enterprise_id}'s", field="enterprise_id")
    if s.status != "open":
        raise Conflict(f"vacancy {s.vacancy_id} is {s.status}", vacancy_status=s.status)


def decide(command: VacancyCommand, state: VacancyState) -> Sequence[VacancyEvent]:
    match command:
        case PostVacancy():
            return _post(command, state)
        case FillPlaces():
            _open_for(state, command.enterprise_id)
            if command.places > state.places_left:
                raise Invalid(f"only {state.places_left} places are left", field="places")
            left = state.places_left - command.places
            return [
                VacancyFilled(
                    vacancy_id=state.vacancy_id,
                    places=command.places,
                    places_left=left,
                    filled_on=command.filled_on,
                )
            ]
        case CloseVacancy():
            _open_for(state, command.enterprise_id)
            return [
                VacancyClosed(
                    vacancy_id=state.vacancy_id,
                    places_left=state.places_left,
                    reason=command.reason,
                    closed_on=command.closed_on,
                )
            ]


def evolve(state: VacancyState, event: VacancyEvent) -> VacancyState:
    match event:
        case VacancyPosted():
            return VacancyState(
                vacancy_id=event.vacancy_id,
                enterprise_id=event.enterprise_id,
                status="open",
                places_left=event.places,
            )
        case VacancyFilled():
            status: VacancyStatus = "filled" if event.places_left == 0 else "open"
            return state.model_copy(update={"places_left": event.places_left, "status": status})
        case VacancyClosed():
            return state.model_copy(update={"status": "closed"})


decider: Decider[VacancyCommand, VacancyState, VacancyEvent] = Decider(
    initial_state=VacancyState(), decide=decide, evolve=evolve
)
