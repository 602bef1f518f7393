"""The promised time limits of a land requisition case (pure): each stage has a limit in working
days on the zone's calendar from the day it starts, and a stage not done by its deadline is
overdue (a supervision case follows, once, like an overdue service step).

- `agreements`: from the case's opening until every collective has signed;
- `payment`: from the last agreement until every collective is paid (industrial-co pays);
- `resettlement`: from the last agreement until every household of every collective is resettled;
- `issue-<id>`: from a policy-handling issue's raising until it is closed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal

from park_shared.working_days import WorkingCalendar
from pydantic import BaseModel, ConfigDict, Field

from park_headquarters.domain.values import Unit

__all__ = ["DEFAULT_LIMITS", "STAGES", "Progress", "Stage", "StageTiming", "stage_timings"]

Stage = Literal["agreements", "payment", "resettlement", "issue"]
STAGES: tuple[Stage, ...] = ("agreements", "payment", "resettlement", "issue")
DEFAULT_LIMITS: dict[Stage, int] = {"agreements": 60, "payment": 20, "resettlement": 60, "issue": 15}
"""Working days per stage (HQ_REQUISITION_LIMITS replaces them; a case keeps the ones it opened with)."""
NAMES: dict[Stage, str] = {
    "agreements": "征地补偿协议签订 (agreements signed)",
    "payment": "征地补偿款支付 (compensation paid)",
    "resettlement": "安置 (households resettled)",
    "issue": "政策处理 (policy-handling issue closed)",
}


class Progress(BaseModel):
    """What a case has done, and when: each collective's households, agreement, payment and
    households resettled; each issue's raising and closing."""

    model_config = ConfigDict(frozen=True)

    opened_on: date
    households: dict[str, int]
    signed_on: dict[str, date] = {}
    paid_on: dict[str, date] = {}
    resettled: dict[str, tuple[int, date]] = {}
    issues: dict[str, tuple[date, date | None]] = {}


class StageTiming(BaseModel):
    code: str = Field(description="agreements, payment, resettlement or issue-<id>")
    name: str
    unit: Unit = Field(description="the unit that keeps the promise")
    working_days: int
    started_on: date | None = Field(description="none while an earlier stage is not done")
    deadline: date | None
    done_on: date | None
    overdue: bool = Field(description="not done, and today is after its deadline")


def _all(done: Mapping[str, date], every: Mapping[str, object]) -> date | None:
    """The day the last of `every` was done, or none while one is not."""
    if not every or any(k not in done for k in every):
        return None
    return max(done[k] for k in every)


def _timing(
    code: str,
    stage: Stage,
    started_on: date | None,
    done_on: date | None,
    limits: Mapping[str, int],
    calendar: WorkingCalendar,
    today: date,
) -> StageTiming:
    days = limits.get(stage, DEFAULT_LIMITS[stage])
    deadline = None if started_on is None else calendar.add_working_days(started_on, days)
    return StageTiming(
        code=code,
        name=NAMES[stage],
        unit="industrial-co" if stage == "payment" else "headquarters",
        working_days=days,
        started_on=started_on,
        deadline=deadline,
        done_on=done_on,
        overdue=deadline is not None and done_on is None and today > deadline,
    )


def stage_timings(
    progress: Progress, limits: Mapping[str, int], calendar: WorkingCalendar, today: date
) -> list[StageTiming]:
    """Every stage of the case with its deadline on `calendar` and whether it is overdue today."""
    signed = _all(progress.signed_on, progress.households)
    paid = _all(progress.paid_on, progress.households) if signed else None
    complete = {k: on for k, (n, on) in progress.resettled.items() if n >= progress.households.get(k, 0)} | {
        k: signed for k, n in progress.households.items() if n == 0 and signed is not None
    }
    resettled = _all(complete, progress.households) if signed else None
    timings = [
        _timing("agreements", "agreements", progress.opened_on, signed, limits, calendar, today),
        _timing("payment", "payment", signed, paid, limits, calendar, today),
        _timing("resettlement", "resettlement", signed, resettled, limits, calendar, today),
    ]
    for issue_id, (raised_on, closed_on) in sorted(progress.issues.items()):
        timings.append(_timing(f"issue-{issue_id}", "issue", raised_on, closed_on, limits, calendar, today))
    return timings
