"""/rewards: rewards granted when leads land, and their payouts (inv.finance)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter
from park_shared.web.dates import Day
from pydantic import BaseModel, Field

from park_investment.api.deps import Finance, FinanceOrOfficer, InvestmentDep
from park_investment.domain.lead_commands import PayReward
from park_investment.domain.lead_events import RewardGrant
from park_investment.domain.money import Money
from park_investment.projections.rewards import COLLECTION as REWARDS

__all__ = ["router"]

router = APIRouter(prefix="/rewards", tags=["rewards"])


class Payout(BaseModel):
    amount: Money
    paid_on: Day | None = Field(None, description="defaults to today (zone time)")

    def command(self, reward_id: str, today: date) -> PayReward:
        return PayReward(reward_id=reward_id, amount=self.amount, paid_on=self.paid_on or today)


class PayoutRecord(BaseModel):
    amount: Decimal
    paid_on: date


class RewardView(RewardGrant):
    """A referrer's reward, by pseudonymous referrer id."""

    paid: Decimal
    outstanding: Decimal
    status: str
    payouts: list[PayoutRecord]


@router.get("", summary="Rewards granted, paid and outstanding")
async def list_rewards(inv: InvestmentDep, who: FinanceOrOfficer) -> list[RewardView]:
    docs = await (await inv.read_models()).find(REWARDS)
    return [RewardView.model_validate(d) for d in docs]


@router.get("/{reward_id}", summary="One reward")
async def get_reward(reward_id: str, inv: InvestmentDep, who: FinanceOrOfficer) -> RewardView:
    reward = await inv.found(REWARDS, reward_id, f"there is no reward {reward_id}", reward_id=reward_id)
    return RewardView.model_validate(reward)


@router.post("/{reward_id}/payouts", status_code=201, summary="Record a payout of the reward")
async def pay(reward_id: str, body: Payout, inv: InvestmentDep, finance: Finance) -> RewardView:
    """Up to what is outstanding; more is refused with 409."""
    await inv.found(REWARDS, reward_id, f"there is no reward {reward_id}", reward_id=reward_id)
    command = body.command(reward_id, inv.today())
    reward = await inv.run_then_read(
        inv.leads, command.lead_id, command, finance.context(), collection=REWARDS, key=reward_id
    )
    return RewardView.model_validate(reward)
