"""The composition root: builds the runtime from settings and the one application context on
it. Tests use it too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from park_shared.personal_data import master_key
from park_shared.runtime import Runtime

from park_headquarters.application.context import Headquarters
from park_headquarters.application.official_calendar import adopt_official_calendars
from park_headquarters.application.reactions import reactions
from park_headquarters.application.schedulers import (
    register_parks,
    requisition_deadline_scheduler,
    supersession_scheduler,
)
from park_headquarters.contract import contract
from park_headquarters.events import DEPARTMENT
from park_headquarters.projections import projections
from park_headquarters.settings import HeadquartersSettings

__all__ = ["bootstrap"]

CONSUMED = ["service-center", "industrial-co"]


async def bootstrap(
    settings: HeadquartersSettings | None = None, clock: Callable[[], datetime] | None = None
) -> Headquarters:
    """`clock` replaces the runtime's time source (tests pin the zone's date)."""
    settings = settings or HeadquartersSettings()
    master_key(settings)  # refuses the development key in production, before anything starts
    runtime = Runtime.of(contract(), DEPARTMENT, settings, projections(), clock=clock)
    hq = Headquarters(runtime, settings)
    runtime.add_consumer(reactions(hq), services=CONSUMED)
    runtime.add_worker("parks", lambda: register_parks(hq))
    runtime.add_worker("official calendar", lambda: _adopt(hq))
    runtime.add_worker("supersessions", lambda: supersession_scheduler(hq))
    runtime.add_worker("requisition deadlines", lambda: requisition_deadline_scheduler(hq))
    return hq


async def _adopt(hq: Headquarters) -> None:
    await adopt_official_calendars(hq)
