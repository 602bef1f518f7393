"""Headquarters' sample regulations (in force, amended, repealed, not yet in force) and land
requisition cases (one still paying with an issue open, one complete)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["events"]

Row = tuple[str, str, str, dict[str, Any]]
HQ = "headquarters"


def _articles(n: int) -> list[dict[str, Any]]:
    return [{"number": i, "text_zh": f"第{i}条", "text_en": f"Article {i}"} for i in range(1, n + 1)]


def _published(rid: str, version: int, kind: str, title: tuple[str, str], articles: int, since: str) -> Row:
    data = {
        "regulation_id": rid,
        "version": version,
        "kind": kind,
        "title_zh": title[0],
        "title_en": title[1],
        "articles": _articles(articles),
        "effective_from": since,
        "published_at": f"{since}T09:00:00+08:00",
        "superseded_version": version - 1 if version > 1 else None,
    }
    return (HQ, "RegulationPublished.v1", rid, data)


def _regulations(day: Callable[[int], str]) -> list[Row]:
    env = ("建设工程环境保护管理办法", "Environmental protection of construction projects")
    return [
        _published("env-protection", 1, "construction_environmental_protection", env, 12, day(300)),
        _published("env-protection", 2, "construction_environmental_protection", env, 14, day(20)),
        _published(
            "foreign-fees",
            1,
            "foreign_enterprise_fees",
            ("外商投资企业行政性收费管理办法", "Administrative fees of foreign-invested enterprises"),
            8,
            day(200),
        ),
        _published(
            "old-planning",
            1,
            "urban_planning_construction",
            ("城市规划建设管理暂行办法", "Interim measures on urban planning and construction"),
            5,
            day(400),
        ),
        (
            HQ,
            "RegulationRepealed.v1",
            "old-planning",
            {"regulation_id": "old-planning", "repealed_on": day(10), "reason": "superseded by a new law"},
        ),
        _published(
            "off-budget",
            1,
            "off_budget_funds",
            ("预算外资金管理办法", "Management of off-budget funds"),
            6,
            day(-10),
        ),
    ]


def _collective(cid: str, households: int, parcels: list[str]) -> dict[str, Any]:
    return {"collective_id": cid, "name": f"{cid} 村集体", "households": households, "parcel_ids": parcels}


def _signed(case: str, cid: str, parcels: list[str], amount: str, on: str) -> Row:
    data = {
        "case_id": case,
        "collective_id": cid,
        "parcel_ids": parcels,
        "areas": {"arable": "60"},
        "amount": amount,
        "minimum": amount,
        "standard_policy_id": "comp",
        "standard_version": 1,
        "signed_on": on,
    }
    return (HQ, "AgreementSigned.v1", case, data)


def _paid(case: str, cid: str, amount: str, on: str) -> Row:
    data = {
        "case_id": case,
        "collective_id": cid,
        "amount": amount,
        "payment_id": f"pay-{cid}",
        "paid_on": on,
    }
    return (HQ, "CompensationPaid.v1", case, data)


def _requisitions(day: Callable[[int], str]) -> list[Row]:
    north = "req-north-2"
    south = "req-south-1"
    return [
        (
            HQ,
            "RequisitionOpened.v1",
            north,
            {
                "case_id": north,
                "parcel_ids": ["north-A06", "north-A07"],
                "opened_on": day(60),
                "collectives": [
                    _collective("dongcun", 40, ["north-A06"]),
                    _collective("xicun", 25, ["north-A07"]),
                ],
                "time_limits": {"agreements": 60, "payment": 20, "resettlement": 60, "issue": 15},
            },
        ),
        _signed(north, "dongcun", ["north-A06"], "3000000.00", day(40)),
        _paid(north, "dongcun", "3000000.00", day(30)),
        _signed(north, "xicun", ["north-A07"], "2000000.00", day(20)),
        (
            HQ,
            "IssueRaised.v1",
            north,
            {
                "case_id": north,
                "issue_id": "grave-relocation",
                "description": "迁坟 graves to move",
                "raised_on": day(15),
            },
        ),
        (
            HQ,
            "RequisitionOpened.v1",
            south,
            {
                "case_id": south,
                "parcel_ids": ["south-B04", "north-A05"],
                "opened_on": day(250),
                "collectives": [_collective("nancun", 30, ["south-B04", "north-A05"])],
            },
        ),
        _signed(south, "nancun", ["south-B04", "north-A05"], "4500000.00", day(230)),
        (
            HQ,
            "IssueRaised.v1",
            south,
            {
                "case_id": south,
                "issue_id": "canal",
                "description": "灌溉渠 irrigation canal",
                "raised_on": day(228),
            },
        ),
        _paid(south, "nancun", "4500000.00", day(220)),
        (
            HQ,
            "ResettlementNoted.v1",
            south,
            {
                "case_id": south,
                "collective_id": "nancun",
                "households_resettled": 30,
                "note": "",
                "noted_on": day(215),
            },
        ),
        (
            HQ,
            "IssueClosed.v1",
            south,
            {"case_id": south, "issue_id": "canal", "resolution": "改道 rerouted", "closed_on": day(210)},
        ),
    ]


def events(day: Callable[[int], str]) -> list[Row]:
    return [*_regulations(day), *_requisitions(day)]
