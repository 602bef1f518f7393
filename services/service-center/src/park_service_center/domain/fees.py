"""Invoice lines from a fee schedule and the preferential rules that match a case. Pure.

Several matching rules do not stack: the largest discount applies (a waiver is 100 %)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from park_service_center.domain.money import Money, percent_of
from park_service_center.domain.policy_terms import FeeItem, Phase, PreferentialRule

__all__ = ["InvoiceLine", "best_discount_percent", "invoice_lines"]


class InvoiceLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    fee_code: str
    name: str
    amount: Money
    discount: Money
    due: Money


def best_discount_percent(
    rules: Iterable[PreferentialRule], fee_code: str, industry: str, park_id: str
) -> Decimal:
    matching = [r.percent for r in rules if r.matches(fee_code, industry, park_id)]
    return max(matching, default=Decimal(0))


def invoice_lines(
    items: Iterable[FeeItem],
    phase: Phase,
    rules: Sequence[PreferentialRule],
    industry: str,
    park_id: str,
) -> list[InvoiceLine]:
    lines = []
    for item in items:
        if item.phase != phase:
            continue
        percent = best_discount_percent(rules, item.code, industry, park_id)
        discount = min(item.amount, percent_of(item.amount, percent))
        lines.append(
            InvoiceLine(
                fee_code=item.code,
                name=item.name,
                amount=item.amount,
                discount=discount,
                due=item.amount - discount,
            )
        )
    return lines
