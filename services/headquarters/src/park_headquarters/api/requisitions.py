"""/land-requisitions: land requisition and policy handling (土地征用、政策处理) before a parcel is
planned: the case, one agreement per collective at no less than the compensation standard in
force on its day, resettlement, and the issues raised and closed. HQ officials and the head act;
industrial-co's payment arrives by event; a completed case's parcels are requisitioned."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from park_shared.auth import Principal
from park_shared.projections.port import Doc
from park_shared.web.dates import Day
from park_shared.working_days import WorkingCalendar
from pydantic import BaseModel, Field

from park_headquarters.api.bodies import Body
from park_headquarters.api.deps import AnyHq, HeadquartersDep, OfficialOrHead
from park_headquarters.application import requisitions
from park_headquarters.application.context import Headquarters
from park_headquarters.domain import land_requisition as lr
from park_headquarters.domain.requisition_stages import StageTiming
from park_headquarters.domain.values import Money
from park_headquarters.projections.requisitions import COLLECTION
from park_headquarters.projections.supervision import COLLECTION as SUPERVISION

__all__ = ["router"]

router = APIRouter(prefix="/land-requisitions", tags=["land requisition"])
CaseId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")]


class RequisitionOpen(Body):
    case_id: CaseId | None = Field(None, description="assigned if absent")
    parcel_ids: list[str] = Field(min_length=1)
    collectives: list[lr.Collective] = Field(min_length=1, description="households are counts only")


class AgreementSign(Body):
    collective_id: str
    parcel_ids: list[str] = Field(min_length=1)
    areas: dict[lr.LandClass, Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=4)]] = Field(
        min_length=1, description="mu by land class"
    )
    amount: Annotated[Money, Field(gt=0)]
    signed_on: Day | None = Field(None, description="today if absent; the standard is the one in force then")


class ResettlementNote(Body):
    collective_id: str
    households_resettled: int = Field(ge=0, le=1_000_000)
    note: str = ""


class IssueRaise(Body):
    issue_id: CaseId | None = Field(None, description="assigned if absent")
    description: str = Field(min_length=1)


class IssueClose(Body):
    resolution: str = Field(min_length=1)


class AgreementView(BaseModel):
    parcel_ids: list[str]
    areas: dict[lr.LandClass, Decimal] = Field(description="mu by land class")
    amount: Decimal
    minimum: Decimal = Field(description="the standard in force on signed_on × the areas")
    standard_policy_id: str
    standard_version: int
    signed_on: date


class PaymentView(BaseModel):
    amount: Decimal
    payment_id: str
    paid_on: date


class ResettlementView(BaseModel):
    households_resettled: int
    note: str
    noted_on: date


class CollectiveCase(BaseModel):
    agreement: AgreementView | None = None
    payment: PaymentView | None = None
    resettlement: ResettlementView | None = None


class Issue(BaseModel):
    description: str
    raised_on: date
    status: Literal["open", "closed"]
    resolution: str | None = None
    closed_on: date | None = None


class StageView(StageTiming):
    supervision_id: str | None = Field(description="the supervision case its overdue opened, if any")


class RequisitionPublic(BaseModel):
    case_id: str
    parcel_ids: list[str]
    collectives: list[lr.Collective]
    opened_on: date
    status: Literal["open", "completed"]
    by_collective: dict[str, CollectiveCase]
    issues: dict[str, Issue]
    completed_on: date | None
    time_limits: dict[str, int] | None = Field(None, description="working days promised per stage")
    stages: list[StageView] = Field(description="each stage's deadline on the zone calendar")


async def _run(
    hq: Headquarters, case_id: str, command: lr.RequisitionCommand, who: Principal
) -> RequisitionPublic:
    await requisitions.handle(hq, case_id, command, who.context())
    return await _read(hq, case_id)


async def _read(hq: Headquarters, case_id: str) -> RequisitionPublic:
    doc = await hq.found(COLLECTION, case_id, f"there is no requisition case {case_id!r}", case_id=case_id)
    return await _shown(hq, doc, await hq.calendar(hq.today()))


async def _shown(hq: Headquarters, doc: Doc, calendar: WorkingCalendar) -> RequisitionPublic:
    """The case with each stage's deadline and the supervision case an overdue one opened."""
    read_models = await hq.read_models()
    views = []
    for stage in await requisitions.stages(hq, doc, calendar):
        sid = requisitions.supervision_id_of(doc["case_id"], stage.code)
        found = await read_models.get(SUPERVISION, sid)
        views.append(StageView(**stage.model_dump(), supervision_id=sid if found else None))
    return RequisitionPublic.model_validate({**doc, "stages": views})


@router.post("", status_code=201, summary="Open a requisition case")
async def open_requisition(
    body: RequisitionOpen, who: OfficialOrHead, hq: HeadquartersDep
) -> RequisitionPublic:
    """Its parcels are land the zone has no record of yet: each becomes `to_requisition`."""
    case_id = body.case_id or f"req-{uuid.uuid4().hex[:12]}"
    command = lr.OpenRequisition(
        case_id=case_id,
        parcel_ids=tuple(body.parcel_ids),
        collectives=tuple(body.collectives),
        opened_on=hq.today(),
        time_limits=hq.requisition_limits(),
    )
    await requisitions.open_case(hq, command, who.context())
    return await _read(hq, case_id)


@router.get("", summary="Requisition cases")
async def list_requisitions(
    _: AnyHq, hq: HeadquartersDep, status: Annotated[Literal["open", "completed"] | None, Query()] = None
) -> list[RequisitionPublic]:
    docs = await (await hq.read_models()).find(COLLECTION, {"status": status} if status else None)
    calendar = await hq.calendar(hq.today())
    return [await _shown(hq, doc, calendar) for doc in docs]


@router.get("/{case_id}", summary="One requisition case")
async def get_requisition(case_id: str, _: AnyHq, hq: HeadquartersDep) -> RequisitionPublic:
    return await _read(hq, case_id)


@router.post("/{case_id}/agreements", status_code=201, summary="Sign a collective's agreement")
async def sign_agreement(
    case_id: str, body: AgreementSign, who: OfficialOrHead, hq: HeadquartersDep
) -> RequisitionPublic:
    """The amount is at least the compensation standard in force on the signing day × the areas."""
    signed_on = body.signed_on or hq.today()
    command = lr.SignAgreement(
        case_id=case_id,
        collective_id=body.collective_id,
        parcel_ids=tuple(body.parcel_ids),
        areas=body.areas,
        amount=body.amount,
        standard=await hq.compensation_standard(signed_on),
        signed_on=signed_on,
        today=hq.today(),
    )
    return await _run(hq, case_id, command, who)


@router.post("/{case_id}/resettlement", summary="Note a collective's resettlement")
async def note_resettlement(
    case_id: str, body: ResettlementNote, who: OfficialOrHead, hq: HeadquartersDep
) -> RequisitionPublic:
    command = lr.NoteResettlement(
        case_id=case_id,
        collective_id=body.collective_id,
        households_resettled=body.households_resettled,
        note=body.note,
        noted_on=hq.today(),
    )
    return await _run(hq, case_id, command, who)


@router.post("/{case_id}/issues", status_code=201, summary="Record a policy-handling issue (政策处理)")
async def raise_issue(
    case_id: str, body: IssueRaise, who: OfficialOrHead, hq: HeadquartersDep
) -> RequisitionPublic:
    issue_id = body.issue_id or f"issue-{uuid.uuid4().hex[:8]}"
    command = lr.RaiseIssue(
        case_id=case_id, issue_id=issue_id, description=body.description, raised_on=hq.today()
    )
    return await _run(hq, case_id, command, who)


@router.post("/{case_id}/issues/{issue_id}/close", summary="Close a policy-handling issue")
async def close_issue(
    case_id: str, issue_id: str, body: IssueClose, who: OfficialOrHead, hq: HeadquartersDep
) -> RequisitionPublic:
    command = lr.CloseIssue(
        case_id=case_id, issue_id=issue_id, resolution=body.resolution, closed_on=hq.today()
    )
    return await _run(hq, case_id, command, who)
