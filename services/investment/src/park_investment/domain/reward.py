"""Rewards (奖励): the reward-policy terms, the version in force on a date, the amount."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from park_shared.validity import in_effect
from pydantic import BaseModel, ConfigDict, model_validator

from park_investment.domain.money import to_money

__all__ = ["PolicyVersion", "RewardTerms", "compute_reward", "in_force_on"]


class RewardTerms(BaseModel):
    """HQ's reward terms: reward = min(cap, rate_percent % x signed amount + fixed)."""

    model_config = ConfigDict(frozen=True)

    rate_percent: Decimal | None = None
    fixed_amount: Decimal | None = None
    cap: Decimal

    @model_validator(mode="after")
    def _some_reward(self) -> RewardTerms:
        if self.rate_percent is None and self.fixed_amount is None:
            raise ValueError("a reward policy needs a rate or a fixed sum")
        return self


class PolicyVersion(BaseModel):
    """One version of a reward policy as recorded from HQ's events, with its lifetime."""

    model_config = ConfigDict(frozen=True)

    policy_id: str
    version: int
    effective_from: date
    terms: RewardTerms
    effective_until: date | None = None
    revoked_on: date | None = None

    def in_force(self, on: date) -> bool:
        return in_effect(on, self.effective_from, self.effective_until, self.revoked_on)


def in_force_on(versions: Iterable[PolicyVersion], on: date) -> PolicyVersion | None:
    """The version in force on `on`: the latest effective one that was not revoked by then."""
    candidates = [v for v in versions if v.in_force(on)]
    if not candidates:
        return None
    return max(candidates, key=lambda v: (v.effective_from, v.version, v.policy_id))


def compute_reward(terms: RewardTerms, signed_amount: Decimal) -> Decimal:
    """min(cap, rate % x signed amount + fixed sum), to the cent."""
    rated = (terms.rate_percent or Decimal(0)) * signed_amount / 100
    return to_money(min(terms.cap, rated + (terms.fixed_amount or Decimal(0))))
