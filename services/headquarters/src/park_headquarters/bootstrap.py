"""The composition root: builds the runtime from settings. Tests use it too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from park_shared.runtime import Runtime

from park_headquarters.application.official_calendar import adopt_official_calendars
from park_headquarters.application.reactions import Reactions
from park_headquarters.application.schedulers import register_parks, supersession_scheduler
from park_headquarters.contract import contract
from park_headquarters.events import DEPARTMENT, SERVICE
from park_headquarters.projections.approvals import ApprovalsProjection
from park_headquarters.projections.coordination import CoordinationProjection
from park_headquarters.projections.offerings import OfferingsProjection
from park_headquarters.projections.parks import ParcelsProjection, ParksProjection
from park_headquarters.projections.planning import PlanningProjection
from park_headquarters.projections.policies import PoliciesProjection
from park_headquarters.projections.revocations import RevocationsProjection
from park_headquarters.projections.supervision import SupervisionProjection
from park_headquarters.settings import HeadquartersSettings

__all__ = ["bootstrap"]

CONSUMED = ["service-center", "industrial-co"]


async def bootstrap(
    settings: HeadquartersSettings | None = None, clock: Callable[[], datetime] | None = None
) -> Runtime:
    settings = settings or HeadquartersSettings()
    runtime = Runtime(SERVICE, DEPARTMENT, settings, contract().registry())
    if clock is not None:
        runtime.clock = clock
    for projection in (
        ParksProjection(),
        ParcelsProjection(),
        PoliciesProjection(),
        ApprovalsProjection(),
        PlanningProjection(),
        SupervisionProjection(),
        CoordinationProjection(),
        OfferingsProjection(),
        RevocationsProjection(),
    ):
        runtime.add_projection(projection)
    runtime.add_consumer(Reactions(runtime).table(), services=CONSUMED)
    runtime.add_worker("parks", lambda: register_parks(runtime, settings))
    runtime.add_worker("official calendar", lambda: _adopt(runtime))
    runtime.add_worker(
        "supersessions", lambda: supersession_scheduler(runtime, settings.hq_scheduler_interval)
    )
    return runtime


async def _adopt(runtime: Runtime) -> None:
    await adopt_official_calendars(runtime)
