"""The service panel: open cases by step, on-time rate per step against the promise, overdue
steps, green-channel cases."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from park_shared.projections.port import Doc, ReadModelStore
from park_shared.working_days import WorkingCalendar

from park_dashboard.application.calendar import calendar_on
from park_dashboard.application.queries.catalogue import catalogue_steps
from park_dashboard.application.views import OnTime, OverdueStep, Promise, ServicePanel, StageCount
from park_dashboard.projections.administration import POLICIES
from park_dashboard.projections.service import CASES, STEPS

__all__ = ["on_time_by_step", "open_promises", "service_panel"]


def _on_time(step: Doc) -> bool:
    return (
        step["outcome"] in ("approved", "rejected")
        and not step["overdue"]
        and (not step.get("deadline") or step.get("decided_on", "") <= step["deadline"])
    )


def _rate(rows: list[Doc]) -> OnTime:
    decided = [s for s in rows if s["outcome"] in ("approved", "rejected")]
    overdue_open = [s for s in rows if s["overdue"] and s["outcome"] not in ("approved", "rejected")]
    on_time = sum(1 for s in rows if _on_time(s))
    base = len(decided) + len(overdue_open)
    return OnTime(
        step_code=rows[0]["step_code"],
        step_name=next((s["step_name"] for s in rows if s.get("step_name")), None),
        promised_working_days=None,
        decided=len(decided),
        on_time=on_time,
        overdue_open=len(overdue_open),
        rate=round(on_time / base, 4) if base else None,
    )


def on_time_by_step(steps: list[Doc], catalogue: list[dict[str, Any]]) -> list[OnTime]:
    """One row per step of the catalogue in force (in its order), then any other step seen."""
    order = [str(s.get("code")) for s in catalogue]
    codes = order + sorted({s["step_code"] for s in steps} - set(order))
    rows: list[OnTime] = []
    for code in codes:
        entry = next((s for s in catalogue if s.get("code") == code), {})
        mine = [s for s in steps if s["step_code"] == code] or [
            {"step_code": code, "outcome": "", "overdue": False}
        ]
        row = _rate(mine)
        row.step_name = entry.get("name") or row.step_name
        row.promised_working_days = entry.get("working_days")
        rows.append(row)
    return rows


def _overdue(steps: list[Doc], today: date, calendar: WorkingCalendar) -> list[OverdueStep]:
    late = [s for s in steps if s["overdue"] and s["outcome"] not in ("approved", "rejected")]
    return [
        OverdueStep(
            case_id=s["case_id"],
            step_code=s["step_code"],
            step_name=s.get("step_name"),
            enterprise_name=s.get("enterprise_name"),
            deadline=s.get("deadline"),
            working_days_late=-calendar.working_days_between(today, date.fromisoformat(s["deadline"]))
            if s.get("deadline")
            else 0,
        )
        for s in sorted(late, key=lambda s: s.get("deadline") or "")
    ]


def open_promises(
    steps: list[Doc],
    cases: list[Doc],
    catalogue: list[dict[str, Any]],
    today: date,
    calendar: WorkingCalendar,
) -> list[Promise]:
    """Every step running against its promise: the deadline service-center set (none recomputed)
    and the working days left on HQ's calendar."""
    names = {c["case_id"]: c.get("enterprise_name") for c in cases}
    step_names = {s.get("code"): s.get("name") for s in catalogue}
    running = [s for s in steps if s["outcome"] == "pending" and s.get("deadline")]
    return [
        Promise(
            case_id=s["case_id"],
            step_code=s["step_code"],
            step_name=step_names.get(s["step_code"]) or s.get("step_name"),
            enterprise_name=names.get(s["case_id"]),
            deadline=s["deadline"],
            deadline_provisional=bool(s.get("deadline_provisional")),
            working_days_left=calendar.working_days_between(today, date.fromisoformat(s["deadline"])),
        )
        for s in sorted(running, key=lambda s: (s["deadline"], s["case_id"]))
    ]


async def service_panel(models: ReadModelStore, today: date) -> ServicePanel:
    cases = await models.find(CASES)
    sealed = {c["case_id"] for c in cases if c.get("sealed_on")}
    steps = await models.find(STEPS)
    open_steps = [s for s in steps if s["case_id"] not in sealed and s["outcome"] in ("pending", "returned")]
    by_step = Counter(s["step_code"] for s in open_steps)
    green = [c for c in cases if c.get("green_channel") and c["case_id"] not in sealed]
    return ServicePanel(
        open_cases=sum(1 for c in cases if c.get("opened_on") and c["case_id"] not in sealed),
        sealed_cases=len(sealed),
        green_channel_open=len(green),
        open_by_step=[StageCount(stage=k, count=n) for k, n in by_step.most_common()],
        on_time=on_time_by_step(steps, await catalogue_steps(models, today)),
        overdue=_overdue(steps, today, calendar_on(await models.find(POLICIES), today)),
        green_channel=[
            {k: c.get(k) for k in ("case_id", "enterprise_name", "park_id", "opened_on")}
            for c in sorted(green, key=lambda c: c.get("opened_on") or "")
        ],
    )
