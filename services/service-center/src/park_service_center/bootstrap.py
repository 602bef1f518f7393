"""The composition root: settings -> runtime -> the application context, with the
projections, the reactions and the schedulers (overdue steps, cases waiting for the
catalogue). Tests use it too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from park_shared.personal_data import master_key
from park_shared.projections.runner import Projection
from park_shared.revocation import revocation_reactions
from park_shared.runtime import Runtime

from park_service_center.application.awaiting import awaiting_worker
from park_service_center.application.context import ServiceCenter
from park_service_center.application.overdue import overdue_worker
from park_service_center.application.promise_meter import PromiseMeter
from park_service_center.application.reactions import billing_reactions, reactions
from park_service_center.contract import contract
from park_service_center.events import DEPARTMENT, SERVICE
from park_service_center.projections.awaiting import AwaitingCatalogueProjection
from park_service_center.projections.cases import cases_projection
from park_service_center.projections.deadlines import DeadlinesProjection
from park_service_center.projections.invoices import invoices_projection, tickets_projection
from park_service_center.projections.performance import PerformanceProjection
from park_service_center.projections.policies import policy_versions_projection
from park_service_center.projections.regulations import regulations_projection
from park_service_center.projections.talent import talent_applications_projection, talent_persons_projection
from park_service_center.projections.vacancies import vacancies_projection
from park_service_center.settings import ServiceCenterSettings

__all__ = ["bootstrap", "projections"]

BILLING_GROUP = f"{SERVICE}-billing"


def projections() -> list[Projection]:
    return [
        policy_versions_projection(),
        cases_projection(),
        AwaitingCatalogueProjection(),
        DeadlinesProjection(),
        PerformanceProjection(),
        invoices_projection(),
        tickets_projection(),
        vacancies_projection(),
        talent_applications_projection(),
        talent_persons_projection(),
        regulations_projection(),
    ]


async def bootstrap(
    settings: ServiceCenterSettings | None = None, clock: Callable[[], datetime] | None = None
) -> ServiceCenter:
    """`clock` replaces the runtime's time source (tests and the restart drill)."""
    settings = settings or ServiceCenterSettings()
    master_key(settings)  # refuses the development key in production, before anything starts
    runtime = Runtime.of(contract(), DEPARTMENT, settings, projections(), clock=clock)
    center = ServiceCenter(runtime, settings)
    revocations = revocation_reactions(runtime.registry, lambda: runtime.read_models)
    runtime.add_consumer({**reactions(center), **revocations}, services=["investment", "headquarters"])
    runtime.add_consumer(billing_reactions(center), services=[SERVICE], group=BILLING_GROUP)
    runtime.add_event_meter(PromiseMeter())
    runtime.add_worker("overdue", overdue_worker(center, settings.sc_overdue_scan_seconds))
    runtime.add_worker("awaiting-catalogue", awaiting_worker(center, settings.sc_overdue_scan_seconds))
    return center
