"""Read models derived from the events: offerings, subscriptions, the shareholder register,
projects, parcels, the ledger, the shared facilities and land compensation."""

from __future__ import annotations

from park_shared.projections.runner import Projection

from park_industrial_co.projections.compensations import CompensationsProjection
from park_industrial_co.projections.fee_schedules import fee_schedules_projection
from park_industrial_co.projections.investors import investors_projection
from park_industrial_co.projections.ledger import LedgerProjection
from park_industrial_co.projections.offerings import OfferingsProjection
from park_industrial_co.projections.parcels import ParcelsProjection
from park_industrial_co.projections.projects import ProjectsProjection
from park_industrial_co.projections.register import RegisterProjection
from park_industrial_co.projections.shared_facilities import SharedFacilitiesProjection

__all__ = ["projections"]


def projections() -> list[Projection]:
    """Every read model of the service, as bootstrap adds them to the runtime."""
    return [
        OfferingsProjection(),
        RegisterProjection(),
        investors_projection(),
        ProjectsProjection(),
        ParcelsProjection(),
        LedgerProjection(),
        SharedFacilitiesProjection(),
        CompensationsProjection(),
        fee_schedules_projection(),
    ]
