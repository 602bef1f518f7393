"""/jobs: the zone's labour market (人力资源市场化配置). Officers post enterprises' vacancies,
record places filled and close them; /public/jobs lists the open ones, no token, both languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from park_shared.auth import Principal
from pydantic import BaseModel, Field

from park_service_center.api.deps import AnyStaff, CenterDep, ExpectedVersion, Officer
from park_service_center.application.context import ServiceCenter
from park_service_center.domain.money import PositiveMoney
from park_service_center.domain.vacancy import (
    CloseVacancy,
    FillPlaces,
    PostVacancy,
    VacancyStatus,
    new_vacancy_id,
)
from park_service_center.projections.names import VACANCIES

__all__ = ["VacancyCreate", "VacancyOfficer", "VacancyPublic", "public_router", "router"]

router = APIRouter(prefix="/jobs", tags=["jobs"])
public_router = APIRouter(prefix="/public/jobs", tags=["public"])

Text = Annotated[str, Field(min_length=1, max_length=200)]
Requirements = Annotated[str, Field(max_length=2000)]


class VacancyCreate(BaseModel):
    enterprise_id: Text
    """The hiring enterprise (its credit code)."""
    park_id: Text
    sector: Text
    title_zh: Text
    title_en: Text
    places: int = Field(ge=1, le=10_000)
    pay_min: PositiveMoney
    pay_max: PositiveMoney
    """Monthly pay range, yuan; pay_max is not below pay_min."""
    requirements_zh: Requirements = ""
    requirements_en: Requirements = ""

    def command(self, vacancy_id: str, on: date) -> PostVacancy:
        return PostVacancy(vacancy_id=vacancy_id, posted_on=on, **self.model_dump())


class VacancyFill(BaseModel):
    enterprise_id: Text
    places: int = Field(ge=1, le=10_000)

    def command(self, vacancy_id: str, on: date) -> FillPlaces:
        return FillPlaces(
            vacancy_id=vacancy_id, enterprise_id=self.enterprise_id, places=self.places, filled_on=on
        )


class VacancyClose(BaseModel):
    enterprise_id: Text
    reason: Annotated[str, Field(min_length=1, max_length=2000)]

    def command(self, vacancy_id: str, on: date) -> CloseVacancy:
        return CloseVacancy(
            vacancy_id=vacancy_id, enterprise_id=self.enterprise_id, reason=self.reason, closed_on=on
        )


class VacancyPublic(BaseModel):
    """What anyone sees of an open vacancy, in both languages."""

    vacancy_id: str
    enterprise_id: str
    park_id: str
    sector: str
    title_zh: str
    title_en: str
    places_left: int
    pay_min: Decimal
    pay_max: Decimal
    requirements_zh: str
    requirements_en: str
    posted_on: date


class VacancyOfficer(VacancyPublic):
    """A vacancy as officers see it: with its status, its history and its version."""

    places: int
    status: VacancyStatus
    filled_on: date | None
    closed_on: date | None
    close_reason: str | None
    version: int


@router.post("", status_code=201, summary="Post an enterprise's vacancy in one of the parks")
async def post_vacancy(body: VacancyCreate, center: CenterDep, who: Officer) -> VacancyOfficer:
    vacancy_id = new_vacancy_id()
    await center.post_vacancy(body.command(vacancy_id, center.today()), who.context())
    return VacancyOfficer.model_validate(await center.found(VACANCIES, vacancy_id, "no such vacancy"))


@router.get("", summary="Vacancies (of a park, a sector, a status), the latest posted first")
async def list_vacancies(
    center: CenterDep,
    _: AnyStaff,
    park_id: Annotated[str | None, Query()] = None,
    sector: Annotated[str | None, Query()] = None,
    status: Annotated[VacancyStatus | None, Query()] = None,
) -> list[VacancyOfficer]:
    docs = await center.vacancy_list(park_id=park_id, sector=sector, status=status)
    return [VacancyOfficer.model_validate(d) for d in docs]


@router.get("/{vacancy_id}", summary="One vacancy")
async def get_vacancy(vacancy_id: str, center: CenterDep, _: AnyStaff) -> VacancyOfficer:
    doc = await center.found(
        VACANCIES, vacancy_id, f"there is no vacancy {vacancy_id!r}", vacancy_id=vacancy_id
    )
    return VacancyOfficer.model_validate(doc)


async def _act(
    body: VacancyFill | VacancyClose,
    vacancy_id: str,
    center: ServiceCenter,
    who: Principal,
    version: int | None,
) -> VacancyOfficer:
    """The body's command on the vacancy; the answer is the vacancy as it left it."""
    command = body.command(vacancy_id, center.today())
    doc = await center.run_then_read(
        center.vacancies, vacancy_id, command, who.context(), collection=VACANCIES, expected_version=version
    )
    return VacancyOfficer.model_validate(doc)


@router.post("/{vacancy_id}/fills", summary="Record places of a vacancy filled")
async def fill_places(
    vacancy_id: str, body: VacancyFill, center: CenterDep, who: Officer, version: ExpectedVersion = None
) -> VacancyOfficer:
    return await _act(body, vacancy_id, center, who, version)


@router.post("/{vacancy_id}/close", summary="Close a vacancy (its places left are no longer offered)")
async def close_vacancy(
    vacancy_id: str, body: VacancyClose, center: CenterDep, who: Officer, version: ExpectedVersion = None
) -> VacancyOfficer:
    return await _act(body, vacancy_id, center, who, version)


@public_router.get("", summary="Open vacancies in the zone, in Chinese and English (no token)")
async def public_jobs(
    center: CenterDep,
    park_id: Annotated[str | None, Query()] = None,
    sector: Annotated[str | None, Query()] = None,
) -> list[VacancyPublic]:
    docs = await center.vacancy_list(park_id=park_id, sector=sector, status="open")
    return [VacancyPublic.model_validate(d) for d in docs]
