"""The composition root: settings -> runtime -> the application context. Tests use it too."""

from __future__ import annotations

from park_shared.personal_data import master_key
from park_shared.revocation import revocation_reactions
from park_shared.runtime import Runtime

from park_investment.application.context import Investment
from park_investment.application.reactions import reactions
from park_investment.application.referrers import migrate_directory
from park_investment.contract import contract
from park_investment.events import DEPARTMENT
from park_investment.projections import projections
from park_investment.settings import InvestmentSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: InvestmentSettings | None = None) -> Investment:
    settings = settings or InvestmentSettings()
    master_key(settings)  # refuses the development key in production, before anything starts
    runtime = Runtime.of(contract(), DEPARTMENT, settings, projections())
    investment = Investment(runtime, settings)
    revocations = revocation_reactions(runtime.registry, lambda: runtime.read_models)
    runtime.add_consumer(
        {**reactions(investment), **revocations}, services=["headquarters", "service-center"]
    )
    runtime.add_worker("referrer-directory-migration", lambda: migrate_directory(investment))
    return investment
