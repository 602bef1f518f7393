"""Read models with checkpoints."""

from __future__ import annotations

from park_shared.projections.runner import Projection

from park_investment.projections.counts import DuplicateCountsProjection
from park_investment.projections.leads import LeadsProjection
from park_investment.projections.listings import ListingsProjection
from park_investment.projections.proposals import ProposalsProjection
from park_investment.projections.referrers import referrers_projection
from park_investment.projections.reward_policies import RewardPoliciesProjection
from park_investment.projections.rewards import RewardsProjection

__all__ = ["projections"]


def projections() -> list[Projection]:
    """Every read model of the service, as bootstrap adds them to the runtime."""
    return [
        LeadsProjection(),
        DuplicateCountsProjection(),
        RewardsProjection(),
        RewardPoliciesProjection(),
        ListingsProjection(),
        referrers_projection(),
        ProposalsProjection(),
    ]
