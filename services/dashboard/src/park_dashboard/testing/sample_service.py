"""Service-center's sample events: five cases, their steps on time, late and waiting, one sealed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from park_shared.working_days import WorkingCalendar

__all__ = ["events"]

Row = tuple[str, str, str, dict[str, Any]]
SC = "service-center"

CASES: list[tuple[str, str | None, str, str, bool, int]] = [
    # case, lead, enterprise, park, green channel, opened (days ago)
    ("case-1", "lead-1", "华芯半导体有限公司 Huaxin Semiconductor", "north", False, 100),
    ("case-2", "lead-2", "绿源新材料股份公司 Lüyuan New Materials", "north", False, 12),
    ("case-3", "lead-3", "瑞拓精密机械有限公司 Ruituo Precision Machinery", "south", True, 60),
    ("case-4", "lead-4", "海川生物医药有限公司 Haichuan Biopharma", "south", False, 8),
    ("case-5", None, "东方包装有限公司 Dongfang Packaging", "north", False, 70),
]

STEPS: list[tuple[str, str, int, int, int | None]] = [
    # case, step, accepted (days ago), deadline (days ago), approved (days ago) or None
    ("case-1", "project_approval", 100, 86, 90),
    ("case-1", "land_use", 89, 68, 75),
    ("case-1", "planning_permit", 74, 60, 62),
    ("case-1", "environmental_assessment", 61, 33, 40),
    ("case-1", "construction_permit", 39, 30, 31),
    ("case-1", "fire_safety", 30, 16, 20),
    ("case-1", "completion_acceptance", 19, 5, 12),
    ("case-1", "commissioning", 11, 4, 10),
    ("case-2", "project_approval", 12, -2, None),
    ("case-3", "project_approval", 60, 53, 55),
    ("case-3", "land_use", 54, 44, 46),
    ("case-3", "planning_permit", 45, 38, 39),
    ("case-3", "environmental_assessment", 45, 31, None),
    ("case-4", "project_approval", 8, -6, None),
    ("case-5", "project_approval", 70, 56, 65),
    ("case-5", "land_use", 64, 43, 41),
    ("case-5", "planning_permit", 40, 26, 22),
    ("case-5", "construction_permit", 21, 12, None),
]


def _case(case: tuple[str, str | None, str, str, bool, int], n: int, day: Callable[[int], str]) -> Row:
    case_id, lead, name, park, green, opened = case
    data = {
        "case_id": case_id,
        "lead_id": lead,
        "enterprise_name": name,
        "credit_code": f"9132050{n:010d}X",
        "project": f"{name}新建项目",
        "planned_investment": "150000000.00",
        "park_id": park,
        "industry": "制造业",
        "green_channel": green,
        "opened_on": day(opened),
    }
    return (SC, "CaseOpened.v1", case_id, data)


def _step(step: tuple[str, str, int, int, int | None], day: Callable[[int], str]) -> list[Row]:
    case_id, code, accepted, deadline, approved = step
    base = {"case_id": case_id, "step_code": code}
    rows: list[Row] = [
        (SC, "StepAccepted.v1", case_id, {**base, "on": day(accepted), "deadline": day(deadline)})
    ]
    if approved is not None:
        rows.append((SC, "StepApproved.v1", case_id, {**base, "on": day(approved)}))
    return rows


def _approval(case_id: str, name: str, park: str, on: int, day: Callable[[int], str]) -> Row:
    data = {
        "case_id": case_id,
        "step_code": "project_approval",
        "enterprise_name": name,
        "credit_code": "913205000000000001",
        "project": f"{name}新建项目",
        "planned_investment": "150000000.00",
        "park_id": park,
        "requested_parcel_id": None,
        "requested_on": day(on),
        "working_days": 10,
        # service-center promises the deadline (here on a calendar with no year published)
        "deadline": WorkingCalendar().add_working_days(date.fromisoformat(day(on)), 10).isoformat(),
        "deadline_provisional": True,
    }
    return (SC, "ApprovalRequested.v1", case_id, data)


def _late(
    case_id: str, code: str, name: str, accepted: int, deadline: int, who: str, day: Callable[[int], str]
) -> Row:
    data = {
        "case_id": case_id,
        "step_code": code,
        "step_name": name,
        "accepted_on": day(accepted),
        "deadline": day(deadline),
        "enterprise_name": who,
    }
    return (SC, "StepOverdue.v1", case_id, data)


def events(day: Callable[[int], str]) -> list[Row]:
    rows = [_case(c, n, day) for n, c in enumerate(CASES, start=1)]
    rows += [row for step in STEPS for row in _step(step, day)]
    rows += [
        _approval("case-1", "华芯半导体有限公司 Huaxin Semiconductor", "north", 100, day),
        _approval("case-2", "绿源新材料股份公司 Lüyuan New Materials", "north", 12, day),
        _approval("case-4", "海川生物医药有限公司 Haichuan Biopharma", "south", 3, day),
        _late(
            "case-5",
            "planning_permit",
            "规划许可 Planning permit",
            40,
            26,
            "东方包装有限公司 Dongfang Packaging",
            day,
        ),
        _late(
            "case-3",
            "environmental_assessment",
            "环评 Environmental assessment",
            45,
            31,
            "瑞拓精密机械有限公司 Ruituo Precision Machinery",
            day,
        ),
        (
            SC,
            "StepReturned.v1",
            "case-5",
            {
                "case_id": "case-5",
                "step_code": "construction_permit",
                "on": day(15),
                "reason": "缺少施工图审查合格书",
            },
        ),
        (SC, "CaseSealed.v1", "case-1", {"case_id": "case-1", "sealed_on": day(10)}),
        (
            SC,
            "EnterpriseCommissioned.v1",
            "case-1",
            {
                "case_id": "case-1",
                "lead_id": "lead-1",
                "credit_code": "9132050000000001XX",
                "commissioned_on": day(10),
            },
        ),
    ]
    return rows
