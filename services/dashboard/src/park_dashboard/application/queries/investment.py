"""The investment panel: the funnel by platform and park, duplicates, rewards."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from park_shared.projections.port import Doc, ReadModelStore

from park_dashboard.application.views import InvestmentPanel, StageCount
from park_dashboard.projections.investment import DUPLICATES, LEADS, REWARDS, STAGES

__all__ = ["investment_panel"]

PLATFORMS = ("online", "merchant", "all_staff")


def _funnel(leads: list[Doc]) -> list[int]:
    return [sum(1 for lead in leads if lead["reached"] >= i) for i in range(len(STAGES))]


def _grouped(leads: list[Doc], field: str, always: tuple[str, ...] = ()) -> dict[str, list[int]]:
    keys = list(always) + sorted({str(d[field]) for d in leads if d.get(field)} - set(always))
    return {k: _funnel([d for d in leads if d.get(field) == k]) for k in keys}


def _total(docs: list[Doc]) -> str:
    return str(sum((Decimal(d["amount"]) for d in docs), Decimal("0.00")))


async def investment_panel(models: ReadModelStore) -> InvestmentPanel:
    leads = [d for d in await models.find(LEADS) if d.get("platform")]
    duplicates = await models.find(DUPLICATES)
    rewards = [r for r in await models.find(REWARDS) if r.get("amount")]
    paid = [r for r in rewards if r.get("paid")]
    signed = sum((Decimal(d["signed_amount"]) for d in leads if d.get("signed_amount")), Decimal("0.00"))
    return InvestmentPanel(
        stages=list(STAGES),
        funnel=[StageCount(stage=s, count=n) for s, n in zip(STAGES, _funnel(leads), strict=True)],
        by_platform=_grouped(leads, "platform", PLATFORMS),
        by_park=_grouped(leads, "park_id"),
        leads=len(leads),
        lost=sum(1 for d in leads if d["lost"]),
        signed_amount=str(signed),
        duplicates_prevented=len(duplicates),
        duplicates_by_platform=dict(Counter(str(d["platform"]) for d in duplicates)),
        rewards_granted=len(rewards),
        rewards_granted_amount=_total(rewards),
        rewards_paid=len(paid),
        rewards_paid_amount=_total(paid),
    )
