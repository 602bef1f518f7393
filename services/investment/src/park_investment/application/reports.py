"""The funnel report: leads reaching each stage, conversion between stages, lost leads,
duplicates prevented, rewards granted and paid; in total, by platform and by park."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import pairwise

from park_shared.projections.port import Doc
from pydantic import BaseModel

__all__ = ["FUNNEL", "Conversion", "FunnelReport", "FunnelSlice", "funnel_report"]

FUNNEL = ("new", "contacted", "negotiating", "signed", "registered", "landed")
PLATFORMS = ("online", "merchant", "all_staff")


class Conversion(BaseModel):
    from_stage: str
    to_stage: str
    rate_percent: Decimal | None
    """Share of the leads that reached `from_stage` and also reached `to_stage`."""


class FunnelSlice(BaseModel):
    key: str
    leads: int
    reached: dict[str, int]
    conversion: list[Conversion]
    lost: int
    duplicates_prevented: int
    rewards_granted: int
    rewards_granted_amount: Decimal
    rewards_paid_amount: Decimal


class FunnelReport(BaseModel):
    total: FunnelSlice
    by_platform: list[FunnelSlice]
    by_park: list[FunnelSlice]


def funnel_report(
    leads: Sequence[Doc], rewards: Sequence[Doc], duplicates: Sequence[Doc], parks: Sequence[str]
) -> FunnelReport:
    counted = [d for d in leads if d["duplicate_status"] != "merged"]
    lead_of = {d["lead_id"]: d for d in leads}

    def slice_(key: str, keep: Callable[[Doc], bool]) -> FunnelSlice:
        mine = [d for d in counted if keep(d)]
        paid = [r for r in rewards if r["lead_id"] in lead_of and keep(lead_of[r["lead_id"]])]
        dups = sum(d["refused"] + d["merged"] for d in duplicates if keep(d))
        return _slice(key, mine, paid, dups)

    return FunnelReport(
        total=slice_("total", lambda d: True),
        by_platform=[slice_(p, _where("platform", p)) for p in PLATFORMS],
        by_park=[slice_(k, _where("park_id", k)) for k in parks],
    )


def _where(field: str, value: str) -> Callable[[Doc], bool]:
    return lambda doc: bool(doc[field] == value)


def _slice(key: str, leads: Sequence[Doc], rewards: Sequence[Doc], duplicates: int) -> FunnelSlice:
    reached = {stage: sum(1 for d in leads if stage in d["reached"]) for stage in FUNNEL}
    return FunnelSlice(
        key=key,
        leads=len(leads),
        reached=reached,
        conversion=[_conversion(a, b, reached) for a, b in pairwise(FUNNEL)],
        lost=sum(1 for d in leads if d["status"] == "lost"),
        duplicates_prevented=duplicates,
        rewards_granted=len(rewards),
        rewards_granted_amount=sum((Decimal(r["amount"]) for r in rewards), Decimal("0.00")),
        rewards_paid_amount=sum((Decimal(r["paid"]) for r in rewards), Decimal("0.00")),
    )


def _conversion(a: str, b: str, reached: dict[str, int]) -> Conversion:
    rate = None
    if reached[a]:
        rate = (Decimal(reached[b]) * 100 / reached[a]).quantize(Decimal("0.1"))
    return Conversion(from_stage=a, to_stage=b, rate_percent=rate)
