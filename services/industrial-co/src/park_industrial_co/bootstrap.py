"""The composition root: builds the runtime from settings. Tests use it too."""

from __future__ import annotations

from park_shared.runtime import Runtime

from park_industrial_co.application.publishing import declare_public_events
from park_industrial_co.application.reactions import reactions
from park_industrial_co.events import DEPARTMENT, SERVICE, registry
from park_industrial_co.projections.ledger import LedgerProjection
from park_industrial_co.projections.offerings import OfferingsProjection
from park_industrial_co.projections.parcels import ParcelsProjection
from park_industrial_co.projections.projects import ProjectsProjection
from park_industrial_co.projections.register import RegisterProjection
from park_industrial_co.settings import IndustrialCoSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: IndustrialCoSettings | None = None) -> Runtime:
    declare_public_events()
    runtime = Runtime(SERVICE, DEPARTMENT, settings or IndustrialCoSettings(), registry)
    for projection in (
        OfferingsProjection(),
        RegisterProjection(),
        ProjectsProjection(),
        ParcelsProjection(),
        LedgerProjection(),
    ):
        runtime.add_projection(projection)
    runtime.add_consumer(reactions(runtime), services=["headquarters"])
    return runtime
