"""/cases: walk-in cases, lists, details, the consolidated seal and commissioning."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from park_shared.identifiers import credit_code_problem
from park_shared.projections.port import Doc
from park_shared.working_days import WorkingCalendar
from pydantic import BaseModel, Field, ValidationInfo, field_validator

from park_service_center.api.deps import AnyStaff, CenterDep, ExpectedVersion, Officer
from park_service_center.api.schemas import CaseDetail, CaseSummary
from park_service_center.domain.case import new_case_id
from park_service_center.domain.case_commands import (
    CatalogueInForce,
    CommissionEnterprise,
    OpenCase,
    SealCase,
)
from park_service_center.domain.case_state import CaseStatus
from park_service_center.domain.money import PositiveMoney

__all__ = ["CaseBalance", "CaseCreate", "router"]

router = APIRouter(prefix="/cases", tags=["cases"])


class CaseCreate(BaseModel):
    """A walk-in enterprise's case (cases of signed leads open by themselves)."""

    enterprise_name: str = Field(min_length=1, max_length=200)
    credit_code: str = Field(
        description="统一社会信用代码, 18 characters with its GB 32100-2015 check character"
    )
    project: str = Field(min_length=1, max_length=500)
    planned_investment: PositiveMoney
    park_id: str
    industry: str = Field(min_length=1, max_length=100)
    green_channel: bool = False
    green_channel_reason: str | None = Field(None, validate_default=True, max_length=500)
    requested_parcel_id: str | None = None

    @field_validator("credit_code")
    @classmethod
    def _valid_code(cls, value: str) -> str:
        code = value.strip().upper()
        problem = credit_code_problem(code)
        if problem:
            raise ValueError(problem)
        return code

    @field_validator("green_channel_reason")
    @classmethod
    def _reason_for_green(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("green_channel") and not (value or "").strip():
            raise ValueError("a green-channel case needs a stated reason")
        return value

    def command(
        self, case_id: str, opened_on: date, catalogue: CatalogueInForce | None, calendar: WorkingCalendar
    ) -> OpenCase:
        return OpenCase(
            case_id=case_id, lead_id=None, enterprise_name=self.enterprise_name,
            credit_code=self.credit_code, project=self.project, planned_investment=self.planned_investment,
            park_id=self.park_id, industry=self.industry, green_channel=self.green_channel,
            green_channel_reason=self.green_channel_reason, requested_parcel_id=self.requested_parcel_id,
            opened_on=opened_on, catalogue=catalogue, calendar=calendar,
        )  # fmt: skip


class CaseBalance(BaseModel):
    case_id: str
    total_due: Decimal
    paid: Decimal
    waived: Decimal
    balance: Decimal
    invoices: list[str]

    @classmethod
    def of(cls, case_id: str, invoices: list[Doc]) -> CaseBalance:
        """The sums over the case's invoices (documents of the invoice read model)."""

        def total(field: str) -> Decimal:
            return sum((Decimal(i[field]) for i in invoices), Decimal("0.00"))

        total_due, paid, waived = total("total_due"), total("paid"), total("waived")
        return cls(
            case_id=case_id, total_due=total_due, paid=paid, waived=waived,
            balance=total_due - paid - waived,
            invoices=[i["invoice_id"] for i in invoices],
        )  # fmt: skip


@router.post("", status_code=201, summary="Open a walk-in case")
async def create_case(body: CaseCreate, center: CenterDep, who: Officer) -> CaseDetail:
    today = center.today()
    catalogue, calendar = await center.catalogue_and_calendar(today)
    command = body.command(new_case_id(), today, catalogue, calendar)
    return CaseDetail.after(await center.open_case(command, who.context()))


@router.get("", summary="Cases, green channel first")
async def list_cases(
    center: CenterDep,
    _: AnyStaff,
    status: Annotated[CaseStatus | None, Query()] = None,
    lead_id: Annotated[str | None, Query()] = None,
) -> list[CaseSummary]:
    return [CaseSummary.model_validate(d) for d in await center.case_list(status=status, lead_id=lead_id)]


@router.get(
    "/{case_id}",
    summary="One case with its steps",
    description="A signed lead's case that waits for HQ's procedure catalogue has status "
    "`awaiting_catalogue`, no steps and no `opened_on` yet; it opens once a catalogue is in force.",
)
async def get_case(case_id: str, center: CenterDep, _: AnyStaff) -> CaseDetail:
    return CaseDetail.of(*await center.existing(center.cases, case_id, "case"))


def _case_action(
    action: str, summary: str, name: str, command: type[SealCase | CommissionEnterprise]
) -> None:
    """Routes POST /cases/{case_id}/{action}: the officer's `command` on the case, today."""

    async def endpoint(
        case_id: str, center: CenterDep, who: Officer, version: ExpectedVersion = None
    ) -> CaseDetail:
        outcome = await center.cases.handle(
            case_id, command(on=center.today()), who.context(), expected_version=version
        )
        return CaseDetail.after(outcome)

    router.post(f"/{{case_id}}/{action}", summary=summary, name=name)(endpoint)


_case_action("seal", "Issue the one consolidated seal (一个图章)", "seal_case", SealCase)
_case_action("commission", "Record commissioning (投产); closes the case", "commission", CommissionEnterprise)


@router.get("/{case_id}/balance", summary="What the case owes over all its invoices")
async def balance(case_id: str, center: CenterDep, _: AnyStaff) -> CaseBalance:
    return CaseBalance.of(case_id, await center.invoices_of(case_id))
