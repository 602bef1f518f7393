"""Investment's sample events: twelve leads on three platforms at every stage, duplicates, a reward,
the online platform's opportunities."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["LEADS", "events"]

Row = tuple[str, str, str, dict[str, Any]]
INV = "investment"
STAGES = ("new", "contacted", "negotiating", "signed", "registered", "landed")

LEADS: list[tuple[str, str, str, str, str, str, str]] = [
    # lead, company, industry, park, platform, planned investment, furthest stage
    ("lead-1", "华芯半导体有限公司", "集成电路", "north", "merchant", "320000000.00", "landed"),
    ("lead-2", "绿源新材料股份公司", "新材料", "north", "online", "180000000.00", "registered"),
    ("lead-3", "瑞拓精密机械有限公司", "装备制造", "south", "all_staff", "260000000.00", "registered"),
    ("lead-4", "海川生物医药有限公司", "生物医药", "south", "online", "150000000.00", "registered"),
    ("lead-5", "星河新能源科技公司", "新能源", "north", "merchant", "90000000.00", "signed"),
    ("lead-6", "博远智能装备有限公司", "装备制造", "north", "all_staff", "60000000.00", "negotiating"),
    ("lead-7", "清泉食品有限公司", "食品加工", "south", "online", "40000000.00", "negotiating"),
    ("lead-8", "金石建材有限公司", "建材", "south", "merchant", "35000000.00", "contacted"),
    ("lead-9", "云帆物流有限公司", "物流", "north", "online", "25000000.00", "contacted"),
    ("lead-10", "恒信纺织有限公司", "纺织", "south", "all_staff", "30000000.00", "new"),
    ("lead-11", "明德电子有限公司", "电子信息", "north", "online", "55000000.00", "new"),
    ("lead-12", "安泰包装材料有限公司", "包装", "south", "merchant", "20000000.00", "new"),
]


def _code(n: int) -> str:
    return f"9132050{n:010d}X"


def _lead_rows(
    n: int, lead: tuple[str, str, str, str, str, str, str], day: Callable[[int], str]
) -> list[Row]:
    lead_id, company, industry, park, platform, planned, stage = lead
    referrer = f"ref-{n}" if platform != "online" else None
    base = {
        "lead_id": lead_id,
        "company_name": company,
        "credit_code": _code(n),
        "industry": industry,
        "planned_investment": planned,
        "park_id": park,
        "platform": platform,
        "referrer_id": referrer,
    }
    rows: list[Row] = [(INV, "LeadRegistered.v1", lead_id, {**base, "registered_on": day(150 - n)})]
    reached = STAGES.index(stage)
    if reached >= 1:
        rows.append((INV, "LeadContacted.v1", lead_id, {"lead_id": lead_id, "contacted_on": day(140 - n)}))
    if reached >= 2:
        rows.append(
            (INV, "LeadNegotiating.v1", lead_id, {"lead_id": lead_id, "negotiating_since": day(130 - n)})
        )
    if reached >= 3:
        signed = {
            **base,
            "signed_amount": planned,
            "signed_on": day(120 - n),
            "preferred_parcel_id": None,
            "green_channel": lead_id == "lead-3",
        }
        rows.append((INV, "LeadSigned.v1", lead_id, signed))
    if reached >= 4:
        rows.append(
            (INV, "LeadRegisteredForService.v1", lead_id, {"lead_id": lead_id, "case_id": f"case-{n}"})
        )
    if reached >= 5:
        rows.append(
            (INV, "LeadLanded.v1", lead_id, {"lead_id": lead_id, "case_id": f"case-{n}", "landed_on": day(5)})
        )
    return rows


def events(day: Callable[[int], str]) -> list[Row]:
    rows = [row for n, lead in enumerate(LEADS, start=1) for row in _lead_rows(n, lead, day)]
    rows.append(
        (INV, "LeadLost.v1", "lead-9", {"lead_id": "lead-9", "reason": "选址外省", "stage": "contacted"})
    )
    for i, (existing, platform, park) in enumerate(
        [("lead-1", "online", "north"), ("lead-3", "merchant", "south"), ("lead-5", "all_staff", "north")],
        start=1,
    ):
        data = {
            "existing_lead_id": existing,
            "platform": platform,
            "park_id": park,
            "refused_on": day(60 - i),
        }
        rows.append((INV, "DuplicateLeadRefused.v1", existing, data))
    grant = {
        "reward_id": "reward-1",
        "lead_id": "lead-1",
        "referrer_id": "ref-1",
        "amount": "200000.00",
        "policy_id": "reward",
        "policy_version": 1,
        "granted_on": day(4),
    }
    rows.append((INV, "RewardGranted.v1", "reward-1", grant))
    rows.append(
        (
            INV,
            "RewardPaid.v1",
            "reward-1",
            {"reward_id": "reward-1", "amount": "200000.00", "paid_on": day(1)},
        )
    )
    return rows + _listings(day)


def _listings(day: Callable[[int], str]) -> list[Row]:
    """The online platform's opportunities: one published, one published and withdrawn."""
    opportunity = {
        "listing_id": "listing-1",
        "title": "北园新材料产业招商 North Park new materials",
        "park_id": "north",
        "industry": "新材料 new materials",
        "summary": "配套齐全的标准厂房 serviced standard factory buildings",
        "parcel_ids": ["north-A02"],
        "published_on": day(25),
    }
    withdrawn = {**opportunity, "listing_id": "listing-0", "title": "旧招商项目 An old listing"}
    return [
        (INV, "OpportunityPublished.v1", "listing-0", {**withdrawn, "published_on": day(90)}),
        (INV, "OpportunityWithdrawn.v1", "listing-0", {"listing_id": "listing-0", "withdrawn_on": day(40)}),
        (INV, "OpportunityPublished.v1", "listing-1", opportunity),
    ]
