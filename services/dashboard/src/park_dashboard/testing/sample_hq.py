"""Headquarters' sample events: parks, parcels, the four kinds of policy, approvals, supervision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["CATALOGUE_STEPS", "events"]

Row = tuple[str, str, str, dict[str, Any]]
HQ = "headquarters"

CATALOGUE_STEPS: list[dict[str, Any]] = [
    {
        "code": code,
        "name": name,
        "legal_basis": basis,
        "required_documents": docs,
        "working_days": days,
        "green_channel_working_days": green,
        "decided_by": by,
    }
    for code, name, basis, docs, days, green, by in [
        (
            "project_approval",
            "立项 Project approval",
            "《企业投资项目核准和备案管理条例》 Regulation on enterprise investment projects",
            ["项目申请书 project application", "营业执照 business licence"],
            10,
            5,
            "headquarters",
        ),
        (
            "land_use",
            "用地 Land use",
            "《土地管理法》 Land Administration Law",
            ["用地申请 land-use application", "项目批复 project approval"],
            15,
            8,
            "service-center",
        ),
        (
            "planning_permit",
            "规划许可 Planning permit",
            "《城乡规划法》 Urban and Rural Planning Law",
            ["总平面图 site plan"],
            10,
            5,
            "service-center",
        ),
        (
            "environmental_assessment",
            "环评 Environmental assessment",
            "《环境影响评价法》 Environmental Impact Assessment Law",
            ["环评报告书 EIA report"],
            20,
            10,
            "service-center",
        ),
        (
            "construction_permit",
            "施工许可 Construction permit",
            "《建筑法》 Construction Law",
            ["施工图审查合格书 drawing review certificate"],
            7,
            3,
            "service-center",
        ),
        (
            "fire_safety",
            "消防 Fire safety",
            "《消防法》 Fire Protection Law",
            ["消防设计文件 fire design"],
            10,
            5,
            "service-center",
        ),
        (
            "completion_acceptance",
            "竣工验收 Completion acceptance",
            "《建设工程质量管理条例》 Regulation on the quality of construction works",
            ["竣工报告 completion report"],
            10,
            5,
            "service-center",
        ),
        (
            "commissioning",
            "投产 Commissioning",
            "园区管理办法 Zone management measures",
            ["投产申请 commissioning application"],
            5,
            3,
            "service-center",
        ),
    ]
]


def _policy(pid: str, version: int, kind: str, title: str, since: str, terms: dict[str, Any]) -> Row:
    data = {
        "policy_id": pid,
        "version": version,
        "kind": kind,
        "title": title,
        "effective_from": since,
        "terms": terms,
        "published_at": f"{since}T09:00:00+08:00",
    }
    return (HQ, "PolicyPublished.v1", pid, data)


def _parcels(day: Callable[[int], str]) -> list[Row]:
    rows: list[Row] = []
    for park, codes in (("north", ["A01", "A02", "A03", "A04", "A05"]), ("south", ["B01", "B02", "B03"])):
        for i, code in enumerate(codes):
            data = {
                "parcel_id": f"{park}-{code}",
                "park_id": park,
                "code": code,
                "planned_use": "industrial" if i < 4 else "commercial",
                "area_m2": 12000 + 1500 * i,
            }
            rows.append((HQ, "ParcelRegistered.v1", f"{park}-{code}", data))
    return rows


def _policies(day: Callable[[int], str]) -> list[Row]:
    rule = {
        "fee_code": "infra",
        "discount_percent": "30",
        "waiver": False,
        "industries": ["新材料"],
        "parks": [],
    }
    fees = [
        {
            "code": "infra",
            "name": "基础设施配套费 Infrastructure levy",
            "amount": "180000.00",
            "phase": "before_production",
        },
        {
            "code": "mgmt",
            "name": "园区管理服务费 Zone management fee",
            "amount": "24000.00",
            "phase": "after_production",
        },
    ]
    return [
        _policy(
            "catalogue",
            1,
            "procedure_catalogue",
            "一站式办事指南 One-stop procedure guide",
            day(200),
            {"steps": CATALOGUE_STEPS},
        ),
        _policy("fees", 1, "fee_schedule", "园区收费标准 Zone fee schedule", day(200), {"items": fees}),
        _policy(
            "reward",
            1,
            "reward",
            "全员招商奖励办法 All-staff referral rewards",
            day(180),
            {"rate_percent": "0.5", "fixed_amount": None, "cap": "200000.00"},
        ),
        _policy(
            "preferential",
            1,
            "preferential",
            "新材料产业优惠政策 New materials incentives",
            day(150),
            {"rules": [rule]},
        ),
        _policy(
            "preferential",
            2,
            "preferential",
            "新材料产业优惠政策(2025修订) New materials incentives (2025 revision)",
            day(20),
            {"rules": [{**rule, "discount_percent": "50"}]},
        ),
        (
            HQ,
            "PolicySuperseded.v1",
            "preferential",
            {"policy_id": "preferential", "version": 1, "superseded_by": 2, "effective_until": day(21)},
        ),
    ]


def events(day: Callable[[int], str]) -> list[Row]:
    parks = [
        (HQ, "ParkRegistered.v1", p, {"park_id": p, "name": n})
        for p, n in (("north", "北园 North Park"), ("south", "南园 South Park"))
    ]
    later = [
        (
            HQ,
            "ProjectApproved.v1",
            "approval-1",
            {
                "approval_id": "approval-1",
                "case_id": "case-1",
                "allocated_parcel_id": "north-A01",
                "decided_on": day(90),
            },
        ),
        (HQ, "ParcelServiced.v1", "north-A01", _serviced("north", "A01", 0, day(120))),
        (HQ, "ParcelServiced.v1", "north-A02", _serviced("north", "A02", 1, day(30))),
        (HQ, "ParcelServiced.v1", "south-B01", _serviced("south", "B01", 0, day(30))),
        (
            HQ,
            "ParcelAllocated.v1",
            "north-A01",
            {"parcel_id": "north-A01", "park_id": "north", "case_id": "case-1", "allocated_on": day(90)},
        ),
        (
            HQ,
            "SupervisionCaseOpened.v1",
            "sup-1",
            {
                "supervision_id": "sup-1",
                "cause": "overdue",
                "unit": "service-center",
                "case_id": "case-3",
                "step_code": "environmental_assessment",
                "opened_on": day(2),
            },
        ),
        (
            HQ,
            "SupervisionCaseOpened.v1",
            "sup-2",
            {
                "supervision_id": "sup-2",
                "cause": "complaint",
                "unit": "service-center",
                "case_id": None,
                "step_code": None,
                "opened_on": day(40),
            },
        ),
        (
            HQ,
            "SupervisionCaseClosed.v1",
            "sup-2",
            {"supervision_id": "sup-2", "findings": "已整改", "closed_on": day(30)},
        ),
    ]
    return [*parks, *_parcels(day), *_policies(day), *later]


def _serviced(park: str, code: str, i: int, on: str) -> dict[str, Any]:
    return {
        "parcel_id": f"{park}-{code}",
        "park_id": park,
        "code": code,
        "planned_use": "industrial",
        "area_m2": 12000 + 1500 * i,
        "serviced_on": on,
        "by_project_id": "proj-road-1",
    }
