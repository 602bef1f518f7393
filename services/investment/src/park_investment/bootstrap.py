"""The composition root: builds the runtime from settings. Tests use it too."""

from __future__ import annotations

from park_shared.personal_data import master_key
from park_shared.revocation import revocation_reactions
from park_shared.runtime import Runtime

from park_investment.application.reactions import reactions
from park_investment.application.referrers import migrate_directory
from park_investment.application.service import Investment
from park_investment.contract import contract
from park_investment.events import DEPARTMENT, SERVICE
from park_investment.projections.counts import DuplicateCountsProjection
from park_investment.projections.leads import LeadsProjection
from park_investment.projections.listings import ListingsProjection
from park_investment.projections.referrers import ReferrersProjection
from park_investment.projections.reward_policies import RewardPoliciesProjection
from park_investment.projections.rewards import RewardsProjection
from park_investment.settings import InvestmentSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: InvestmentSettings | None = None) -> Runtime:
    settings = settings or InvestmentSettings()
    master_key(settings)  # refuses the development key in production, before anything starts
    runtime = Runtime(SERVICE, DEPARTMENT, settings, contract().registry())
    investment = Investment(runtime, settings)
    runtime.state["investment"] = investment
    for projection in (
        LeadsProjection(),
        DuplicateCountsProjection(),
        RewardsProjection(),
        RewardPoliciesProjection(),
        ListingsProjection(),
        ReferrersProjection(),
    ):
        runtime.add_projection(projection)
    revocations = revocation_reactions(runtime.registry, lambda: runtime.read_models)
    runtime.add_consumer(
        {**reactions(investment), **revocations}, services=["headquarters", "service-center"]
    )
    runtime.add_worker("referrer-directory-migration", lambda: migrate_directory(investment))
    return runtime
