"""/public (政务公开), no token: the procedure catalogue in force with its promised limits,
and on-time performance per step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from statistics import median

from fastapi import APIRouter
from park_shared.projections.port import Doc
from park_shared.working_days import CalendarYear
from pydantic import BaseModel

from park_service_center.api.deps import CenterDep
from park_service_center.application.policies import catalogue_version_in_force
from park_service_center.domain.money import fen
from park_service_center.domain.policy import PolicyVersion
from park_service_center.domain.policy_terms import CatalogueStep, ProcedureCatalogue
from park_service_center.projections.names import PERFORMANCE

__all__ = ["PerformancePublic", "ProceduresPublic", "router"]

router = APIRouter(prefix="/public", tags=["public"])


def _median(histogram: dict[str, int]) -> Decimal | None:
    taken = [int(days) for days, count in histogram.items() for _ in range(count)]
    return None if not taken else Decimal(str(median(sorted(taken))))


class ProceduresPublic(BaseModel):
    on: date
    policy_id: str | None
    version: int | None
    title: str | None
    effective_from: date | None
    steps: list[CatalogueStep]
    calendar_provisional: bool
    """This year's working-day calendar is not published by HQ yet: weekends only."""
    public_holidays: list[date]
    """This year's days off on HQ's working-day calendar (the whole calendar: HQ /public/calendar)."""
    makeup_workdays: list[date]

    @classmethod
    def of(cls, on: date, policy: PolicyVersion | None, arrangement: CalendarYear | None) -> ProceduresPublic:
        """The catalogue `policy` in force `on`, with HQ's calendar of that year (None: not published)."""
        steps = [] if policy is None else list(ProcedureCatalogue.model_validate(policy.terms).steps)
        return cls(
            on=on, policy_id=policy and policy.policy_id, version=policy and policy.version,
            title=policy and policy.title, effective_from=policy and policy.effective_from, steps=steps,
            calendar_provisional=arrangement is None,
            public_holidays=sorted(arrangement.holidays) if arrangement else [],
            makeup_workdays=sorted(arrangement.makeup_workdays) if arrangement else [],
        )  # fmt: skip


class PerformancePublic(BaseModel):
    step_code: str
    step_name: str
    decided: int
    decided_within_promise: int
    on_time_share: Decimal | None
    """Decided within the promise / decided, 0..1 to 2 decimals; None before any decision."""
    median_working_days: Decimal | None

    @classmethod
    def of(cls, doc: Doc) -> PerformancePublic:
        """One step's document of the performance read model."""
        decided, within = doc["decided"], doc["within_promise"]
        return cls(
            step_code=doc["step_code"], step_name=doc["step_name"], decided=decided,
            decided_within_promise=within, on_time_share=fen(Decimal(within) / decided) if decided else None,
            median_working_days=_median(doc["days"]),
        )  # fmt: skip


@router.get("/procedures", summary="The procedure catalogue in force, with promised working days")
async def procedures(center: CenterDep) -> ProceduresPublic:
    today = center.today()
    policy = await catalogue_version_in_force(await center.read_models(), today)
    return ProceduresPublic.of(today, policy, (await center.calendar(today)).year(today.year))


@router.get("/performance", summary="On-time performance per step")
async def performance(center: CenterDep) -> list[PerformancePublic]:
    return [PerformancePublic.of(doc) for doc in await (await center.read_models()).find(PERFORMANCE)]
