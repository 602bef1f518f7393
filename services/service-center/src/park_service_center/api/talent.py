"""/talent-applications: talent introduction (人才引进). An enterprise (or an officer for it)
applies for a person it hired (the person's name and identity number are sealed, never in an
event or a log); an officer decides within the promised limit and the cashier pays the subsidy
instalment by instalment; /public/talent-statistics counts and sums them by category and park,
no names."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from park_shared.web.dates import Day
from pydantic import BaseModel, ConfigDict, Field

from park_service_center.api.deps import AnyStaff, Cashier, CenterDep, Officer, OfficerOrEnterprise, acts_for
from park_service_center.application.talent import (
    PersonDetails,
    application_doc,
    apply_for_subsidy,
    erase_person,
    opened_person,
    run_on_application,
    statistics,
)
from park_service_center.domain.talent import (
    ApproveApplication,
    PayInstalment,
    RejectApplication,
    TalentCategoryTerms,
)
from park_service_center.projections.names import TALENT_APPLICATIONS
from park_service_center.projections.talent import PaidInstalment

__all__ = ["TalentApplicationCreate", "TalentApplicationOfficer", "public_router", "router"]

router = APIRouter(prefix="/talent-applications", tags=["talent"])
public_router = APIRouter(prefix="/public/talent-statistics", tags=["public"])

Text = Annotated[str, Field(min_length=1, max_length=200)]
Status = Literal["pending", "approved", "rejected"]


class PersonIn(BaseModel):
    """The person hired: sealed on arrival, never stored or logged as entered."""

    model_config = ConfigDict(hide_input_in_errors=True)

    name: Text
    id_number: Annotated[str, Field(min_length=1, max_length=40)]
    """The resident identity number (18 characters)."""

    def __repr__(self) -> str:
        return "PersonIn(...)"

    __str__ = __repr__


class TalentApplicationCreate(BaseModel):
    model_config = ConfigDict(hide_input_in_errors=True)

    enterprise_id: Text
    """The hiring enterprise (its credit code)."""
    park_id: Text
    category: Text
    """A category code of HQ's talent policy in force today (e.g. high_level_talent)."""
    hired_on: Day
    person: PersonIn


class TalentApplicationReject(BaseModel):
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class PersonOfficer(BaseModel):
    """The person's sealed details, opened for an officer; null once erased."""

    name: str | None
    id_number_hint: str | None
    erased: bool


class TalentApplicationOfficer(BaseModel):
    application_id: str
    person_key: str
    """The person's pseudonym."""
    person: PersonOfficer
    category: str
    enterprise_id: str
    park_id: str
    hired_on: date
    applied_on: date
    deadline: date
    """The promised decision day (working days of the zone calendar)."""
    terms: TalentCategoryTerms
    """The category of the talent policy version in force on the application's day."""
    status: Status
    overdue_on: date | None
    """When it was found undecided after its deadline (HQ's supervision was told)."""
    decided_on: date | None
    within_promise: bool | None
    reason: str | None
    instalments: list[PaidInstalment]
    granted: Decimal
    paid: Decimal
    instalments_paid: int
    version: int


class TalentStatistics(BaseModel):
    """One category in one park: how many applications and what they granted and paid."""

    category: str
    park_id: str
    applications: int
    pending: int
    approved: int
    rejected: int
    granted: Decimal
    paid: Decimal


async def _officer_view(center: CenterDep, doc: dict[str, object]) -> TalentApplicationOfficer:
    person = await opened_person(center, str(doc["person_key"]))
    return TalentApplicationOfficer.model_validate({**doc, "person": person})


@router.post(
    "",
    status_code=201,
    summary="Apply for a talent subsidy for a person an enterprise hired",
    responses={
        409: {"description": "the person is subsidised in the category already (names the application)"}
    },
)
async def apply(
    body: TalentApplicationCreate, center: CenterDep, who: OfficerOrEnterprise
) -> TalentApplicationOfficer:
    """By the hiring enterprise itself (role sc.enterprise, its token's subject its credit code)
    or by an officer at the window on its behalf."""
    acts_for(who, body.enterprise_id)
    application_id = f"ta-{uuid.uuid4().hex[:16]}"
    await apply_for_subsidy(
        center,
        PersonDetails(body.person.name, body.person.id_number),
        application_id=application_id,
        category=body.category,
        enterprise_id=body.enterprise_id,
        park_id=body.park_id,
        hired_on=body.hired_on,
        context=who.context(),
    )
    return await _officer_view(center, await application_doc(center, application_id))


@router.get("", summary="Talent applications (of a park, a category, a status), the latest first")
async def list_applications(
    center: CenterDep,
    _: AnyStaff,
    park_id: Annotated[str | None, Query()] = None,
    category: Annotated[str | None, Query()] = None,
    status: Annotated[Status | None, Query()] = None,
) -> list[TalentApplicationOfficer]:
    where = {
        k: v for k, v in {"park_id": park_id, "category": category, "status": status}.items() if v is not None
    }
    docs = await (await center.read_models()).find(TALENT_APPLICATIONS, where=where)
    docs.sort(key=lambda d: (str(d["applied_on"]), d["application_id"]), reverse=True)
    return [await _officer_view(center, d) for d in docs]


@router.get("/{application_id}", summary="One talent application")
async def get_application(application_id: str, center: CenterDep, _: AnyStaff) -> TalentApplicationOfficer:
    return await _officer_view(center, await application_doc(center, application_id))


@router.post("/{application_id}/approve", summary="Approve: the subsidy is granted in instalments")
async def approve(application_id: str, center: CenterDep, who: Officer) -> TalentApplicationOfficer:
    command = ApproveApplication(application_id=application_id, decided_on=center.today())
    return await _officer_view(
        center, await run_on_application(center, application_id, command, who.context())
    )


@router.post("/{application_id}/reject", summary="Reject, saying why")
async def reject(
    application_id: str, body: TalentApplicationReject, center: CenterDep, who: Officer
) -> TalentApplicationOfficer:
    command = RejectApplication(application_id=application_id, reason=body.reason, decided_on=center.today())
    return await _officer_view(
        center, await run_on_application(center, application_id, command, who.context())
    )


@router.post(
    "/{application_id}/instalments/{number}/pay",
    summary="Pay an instalment of an approved subsidy (in order, once each)",
    responses={409: {"description": "paid already, or an earlier one is not"}},
)
async def pay(
    application_id: str,
    number: Annotated[int, Path(ge=1, description="the instalment's number, from 1")],
    center: CenterDep,
    who: Cashier,
) -> TalentApplicationOfficer:
    command = PayInstalment(application_id=application_id, number=number, paid_on=center.today())
    return await _officer_view(
        center, await run_on_application(center, application_id, command, who.context())
    )


@router.post(
    "/{application_id}/person/erase",
    summary="Erase the personal data of the application's person (crypto-shredding)",
    responses={409: {"description": "erased already"}},
)
async def erase(application_id: str, center: CenterDep, who: Officer) -> TalentApplicationOfficer:
    """Destroys the person's key and records PersonalDataErased (without the data): the name and
    identity-number hint become unreadable everywhere; the applications stay, by pseudonym."""
    await erase_person(center, application_id, who.context())
    return await _officer_view(center, await application_doc(center, application_id))


@public_router.get("", summary="Talent subsidies by category and park: counts and amounts, no names")
async def public_statistics(center: CenterDep) -> list[TalentStatistics]:
    return [TalentStatistics.model_validate(row) for row in await statistics(center)]
