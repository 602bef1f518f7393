"""The composition root: builds the runtime from settings. Tests use it too."""

from __future__ import annotations

from park_shared.personal_data import master_key
from park_shared.revocation import revocation_reactions
from park_shared.runtime import Runtime

from park_industrial_co.application.investors import migrate_directory
from park_industrial_co.application.reactions import reactions
from park_industrial_co.contract import contract
from park_industrial_co.events import DEPARTMENT, SERVICE
from park_industrial_co.projections.investors import InvestorsProjection
from park_industrial_co.projections.ledger import LedgerProjection
from park_industrial_co.projections.offerings import OfferingsProjection
from park_industrial_co.projections.parcels import ParcelsProjection
from park_industrial_co.projections.projects import ProjectsProjection
from park_industrial_co.projections.register import RegisterProjection
from park_industrial_co.settings import IndustrialCoSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: IndustrialCoSettings | None = None) -> Runtime:
    settings = settings or IndustrialCoSettings()
    master_key(settings)  # refuses the development key in production, before anything starts
    runtime = Runtime(SERVICE, DEPARTMENT, settings, contract().registry())
    for projection in (
        OfferingsProjection(),
        RegisterProjection(),
        InvestorsProjection(),
        ProjectsProjection(),
        ParcelsProjection(),
        LedgerProjection(),
    ):
        runtime.add_projection(projection)
    revocations = revocation_reactions(runtime.registry, lambda: runtime.read_models)
    runtime.add_consumer({**reactions(runtime), **revocations}, services=["headquarters"])
    runtime.add_worker("investor-directory-migration", lambda: migrate_directory(runtime))
    return runtime
