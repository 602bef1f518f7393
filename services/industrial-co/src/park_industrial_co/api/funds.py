"""/infrastructure-projects/{id}/allocations and /payments: money into and out of a project."""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from park_industrial_co.api.deps import Finance, IndustrialCoDep, ProjectId
from park_industrial_co.api.types import PositiveMoney
from park_industrial_co.application import projects

__all__ = ["router"]

router = APIRouter(prefix="/infrastructure-projects/{project_id}", tags=["project funds"])


class AllocationCreate(BaseModel):
    amount: PositiveMoney


class PaymentCreate(BaseModel):
    milestone: str = Field(min_length=1, description="a milestone reached and not yet paid")
    amount: PositiveMoney


class FundsMoved(BaseModel):
    id: str
    project_id: str
    amount: Decimal


@router.post("/allocations", status_code=201, summary="Allocate raised capital to the project (ic.finance)")
async def allocate(
    project_id: ProjectId, body: AllocationCreate, ic: IndustrialCoDep, who: Finance
) -> FundsMoved:
    allocation_id = await projects.allocate(ic, who.context(), project_id, body.amount)
    return FundsMoved(id=allocation_id, project_id=project_id, amount=body.amount)


@router.post("/payments", status_code=201, summary="A progress payment to the contractor (ic.finance)")
async def pay(project_id: ProjectId, body: PaymentCreate, ic: IndustrialCoDep, who: Finance) -> FundsMoved:
    payment_id = await projects.pay_contractor(ic, who.context(), project_id, body.milestone, body.amount)
    return FundsMoved(id=payment_id, project_id=project_id, amount=body.amount)
