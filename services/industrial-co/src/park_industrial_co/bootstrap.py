"""The composition root: builds the runtime and the one IndustrialCo context from settings.
Tests use it too."""

from __future__ import annotations

from park_shared.personal_data import master_key
from park_shared.runtime import Runtime

from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.application.investors import migrate_directory
from park_industrial_co.application.reactions import reactions
from park_industrial_co.contract import contract
from park_industrial_co.events import DEPARTMENT
from park_industrial_co.projections import projections
from park_industrial_co.settings import IndustrialCoSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: IndustrialCoSettings | None = None) -> IndustrialCo:
    settings = settings or IndustrialCoSettings()
    master_key(settings)  # refuses the development key in production, before anything starts
    runtime = Runtime.of(contract(), DEPARTMENT, settings, projections())
    ic = IndustrialCo(runtime, settings)
    runtime.add_consumer(reactions(ic), services=["headquarters"])
    runtime.add_worker("investor-directory-migration", lambda: migrate_directory(ic))
    return ic
