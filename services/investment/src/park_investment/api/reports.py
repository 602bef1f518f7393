"""/reports/funnel: the funnel by platform and park, with conversion between stages."""

from __future__ import annotations

from fastapi import APIRouter

from park_investment.api.deps import FinanceOrOfficer, InvestmentDep
from park_investment.application.reports import FunnelReport, funnel_report
from park_investment.projections.counts import COLLECTION as DUPLICATE_COUNTS
from park_investment.projections.leads import COLLECTION as LEADS
from park_investment.projections.rewards import COLLECTION as REWARDS

__all__ = ["router"]

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/funnel", summary="Leads per stage and conversion, by platform and by park")
async def funnel(inv: InvestmentDep, who: FinanceOrOfficer) -> FunnelReport:
    read_models = await inv.read_models()
    return funnel_report(
        await read_models.find(LEADS),
        await read_models.find(REWARDS),
        await read_models.find(DUPLICATE_COUNTS),
        inv.parks,
    )
