"""Pro-rata allotment in whole shares, by the largest-remainder rule (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from math import floor

__all__ = ["Request", "allot"]


@dataclass(frozen=True, slots=True)
class Request:
    """A paid subscription asking for `shares`, placed at `placed_at`."""

    subscription_id: str
    placed_at: datetime
    shares: int


def allot(target_shares: int, requests: Sequence[Request]) -> Mapping[str, int]:
    """Shares per subscription: everything asked if the target covers it; else each gets the
    floor of its exact quota (shares x target / total asked), and the shares left over go one
    each to the largest fractional remainders, ties by earlier placement, then subscription id.
    Never more than the target in all, never more than a subscription asked for."""
    asked = sum(r.shares for r in requests)
    if asked <= target_shares:
        return {r.subscription_id: r.shares for r in requests}
    quota = {r.subscription_id: Fraction(r.shares * target_shares, asked) for r in requests}
    shares = {sid: floor(q) for sid, q in quota.items()}
    left = target_shares - sum(shares.values())

    def priority(r: Request) -> tuple[Fraction, datetime, str]:
        return (shares[r.subscription_id] - quota[r.subscription_id], r.placed_at, r.subscription_id)

    for request in sorted(requests, key=priority)[:left]:
        shares[request.subscription_id] += 1
    return shares
