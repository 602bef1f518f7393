"""/rewards: rewards granted when leads land, and their payouts (inv.finance)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter
from park_shared.errors import NotFound
from pydantic import BaseModel, Field

from park_investment.api.deps import Finance, FinanceOrOfficer, InvestmentDep, context_of
from park_investment.application.leads import pay_reward
from park_investment.application.service import Investment
from park_investment.domain.money import Money

__all__ = ["router"]

router = APIRouter(prefix="/rewards", tags=["rewards"])


class Payout(BaseModel):
    amount: Money
    paid_on: date | None = Field(None, description="defaults to today (zone time)")


class PayoutRecord(BaseModel):
    amount: Decimal
    paid_on: date


class RewardView(BaseModel):
    """A referrer's reward, by pseudonymous referrer id."""

    reward_id: str
    lead_id: str
    referrer_id: str
    amount: Decimal
    policy_id: str
    policy_version: int
    granted_on: date
    paid: Decimal
    outstanding: Decimal
    status: str
    payouts: list[PayoutRecord]


async def _reward(inv: Investment, reward_id: str) -> RewardView:
    doc = await inv.doc("rewards", reward_id)
    if doc is None:
        raise NotFound(f"there is no reward {reward_id}", reward_id=reward_id)
    return RewardView.model_validate(doc)


@router.get("", summary="Rewards granted, paid and outstanding")
async def list_rewards(inv: InvestmentDep, who: FinanceOrOfficer) -> list[RewardView]:
    docs = await (await inv.read_models()).find("rewards")
    return [RewardView.model_validate(d) for d in docs]


@router.get("/{reward_id}", summary="One reward")
async def get_reward(reward_id: str, inv: InvestmentDep, who: FinanceOrOfficer) -> RewardView:
    return await _reward(inv, reward_id)


@router.post("/{reward_id}/payouts", status_code=201, summary="Record a payout of the reward")
async def pay(reward_id: str, body: Payout, inv: InvestmentDep, finance: Finance) -> RewardView:
    """Up to what is outstanding; more is refused with 409."""
    await _reward(inv, reward_id)
    await pay_reward(inv, reward_id, body.amount, body.paid_on or inv.today(), context_of(finance))
    return await _reward(inv, reward_id)
