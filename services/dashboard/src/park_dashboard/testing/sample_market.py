"""Industrial-co's sample events: two offerings (one closed), four infrastructure projects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["events"]

Row = tuple[str, str, str, dict[str, Any]]
IC = "industrial-co"

PROJECTS: list[tuple[str, str, str, list[str], list[tuple[str, int, int]], int | None]] = [
    # project, name, kind, parcels, milestones (name, percent, days ago), completed (days ago)
    (
        "proj-road-1",
        "北园一号路 North Park Road No. 1",
        "road",
        ["north-A01", "north-A02"],
        [("路基完成 roadbed done", 30, 150), ("管线入地 pipes laid", 60, 90), ("路面铺设 paving", 90, 45)],
        35,
    ),
    (
        "proj-water-1",
        "南园供水管网 South Park water mains",
        "water_supply",
        ["south-B01", "south-B02"],
        [("主管铺设 main pipe laid", 45, 10)],
        None,
    ),
    (
        "proj-power-1",
        "北园110千伏变电站 North Park 110 kV substation",
        "power",
        ["north-A03", "north-A04"],
        [("土建开工 civil works begun", 20, 6)],
        None,
    ),
    ("proj-sewage-1", "南园污水处理站 South Park sewage plant", "sewage", ["south-B03"], [], None),
]


def _offerings(day: Callable[[int], str]) -> list[Row]:
    now = {
        "offering_id": "off-2025",
        "title": "实业股份2025年募集 Share offering 2025",
        "target_amount": "50000000.00",
        "unit_price": "1.00",
        "opens_on": day(30),
        "closes_on": day(-30),
    }
    old = {
        "offering_id": "off-2024",
        "title": "实业股份2024年募集 Share offering 2024",
        "target_amount": "30000000.00",
        "unit_price": "1.00",
        "opens_on": day(300),
        "closes_on": day(240),
    }
    rows: list[Row] = [(IC, "OfferingOpened.v1", "off-2024", old), (IC, "OfferingOpened.v1", "off-2025", now)]
    for i, (kind, amount) in enumerate(
        [("sme", "8000000.00"), ("individual", "2500000.00"), ("institution", "21000000.00")], start=1
    ):
        data = {
            "offering_id": "off-2025",
            "subscription_id": f"sub-{i}",
            "investor_type": kind,
            "amount": amount,
        }
        rows.append((IC, "SubscriptionPaid.v1", "off-2025", data))
    closed = {
        "offering_id": "off-2024",
        "title": old["title"],
        "target_amount": "30000000.00",
        "raised_amount": "30000000.00",
        "shares_issued": 30000000,
        "holders": 86,
        "closed_on": day(240),
    }
    rows.append((IC, "OfferingClosed.v1", "off-2024", closed))
    return rows


def _project(
    project: tuple[str, str, str, list[str], list[tuple[str, int, int]], int | None],
    day: Callable[[int], str],
) -> list[Row]:
    pid, name, kind, parcels, milestones, completed = project
    planned = {
        "project_id": pid,
        "name": name,
        "kind": kind,
        "parcel_ids": parcels,
        "budget": "12000000.00",
        "planned_on": day(200),
    }
    rows: list[Row] = [(IC, "ProjectPlanned.v1", pid, planned)]
    for milestone, percent, ago in milestones:
        data = {"project_id": pid, "milestone": milestone, "progress_percent": percent, "on": day(ago)}
        rows.append((IC, "ProjectMilestoneReached.v1", pid, data))
    if completed is not None:
        data = {"project_id": pid, "kind": kind, "parcel_ids": parcels, "completed_on": day(completed)}
        rows.append((IC, "InfrastructureCompleted.v1", pid, data))
    return rows


def events(day: Callable[[int], str]) -> list[Row]:
    return [*_offerings(day), *[row for p in PROJECTS for row in _project(p, day)]]
