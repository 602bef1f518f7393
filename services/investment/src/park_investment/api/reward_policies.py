"""/reward-policies: HQ's reward policy versions as recorded here, and the one in force."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter
from park_shared.errors import NotFound
from park_shared.web.dates import Day
from pydantic import BaseModel

from park_investment.api.deps import FinanceOrOfficer, InvestmentDep
from park_investment.projections.reward_policies import COLLECTION as REWARD_POLICY_VERSIONS
from park_investment.projections.reward_policies import version_key

__all__ = ["router"]

router = APIRouter(prefix="/reward-policies", tags=["rewards"])


class RewardPolicyVersionView(BaseModel):
    policy_id: str
    version: int
    title: str
    effective_from: date
    effective_until: date | None
    revoked_on: date | None
    rate_percent: Decimal | None
    fixed_amount: Decimal | None
    cap: Decimal


def _view(doc: dict[str, object]) -> RewardPolicyVersionView:
    terms = doc["terms"]
    assert isinstance(terms, dict)
    return RewardPolicyVersionView.model_validate({**doc, **terms})


@router.get("", summary="Every recorded reward policy version, with its lifetime")
async def versions(inv: InvestmentDep, who: FinanceOrOfficer) -> list[RewardPolicyVersionView]:
    docs = await (await inv.read_models()).find(REWARD_POLICY_VERSIONS)
    return [_view(d) for d in docs]


@router.get(
    "/in-force",
    summary="The version in force on a date (a reward uses the signing date)",
    responses={404: {"description": "No version of the reward policy is in force on that date"}},
)
async def in_force(on: Day, inv: InvestmentDep, who: FinanceOrOfficer) -> RewardPolicyVersionView:
    version = await inv.reward_policy_on(on)
    if version is None:
        raise NotFound(f"no reward policy was in force on {on}", on=str(on))
    key = version_key(version.policy_id, version.version)
    return _view(await inv.found(REWARD_POLICY_VERSIONS, key, f"no reward policy version {key}"))
