"""Workers: the parks from configuration at start, and the timers (policy supersessions,
requisition stage deadlines)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from park_shared.handler import CommandContext

from park_headquarters.application.context import Headquarters
from park_headquarters.application.policy_queries import COLLECTION
from park_headquarters.application.requisitions import open_overdue_stages
from park_headquarters.domain import park, policy
from park_headquarters.domain.policy_messages import ApplyDueSupersessions
from park_headquarters.domain.policy_timeline import due_supersessions

__all__ = [
    "apply_due_supersessions",
    "every_interval",
    "register_parks",
    "requisition_deadline_scheduler",
    "supersession_scheduler",
]

log = logging.getLogger(__name__)


async def register_parks(hq: Headquarters) -> None:
    """The parks of PARK_PARKS, registered once (later starts find them registered)."""
    context = CommandContext(actor="system:configuration")
    for park_id in hq.settings.park_parks:
        command = park.RegisterPark(park_id=park_id, name=hq.settings.park_name(park_id))
        await hq.parks.handle(park_id, command, context=context)


async def apply_due_supersessions(hq: Headquarters) -> int:
    """Supersedes every version whose successor has taken effect; returns how many policies."""
    read_models = await hq.read_models()
    today = hq.today()
    context = CommandContext(actor="system:scheduler")
    changed = 0
    for doc in await read_models.find(COLLECTION):
        state = policy.PolicyState.model_validate(doc)
        if due_supersessions(state.versions, today):
            await hq.policies.handle(state.policy_id, ApplyDueSupersessions(today=today), context=context)
            changed += 1
    return changed


async def every_interval(
    hq: Headquarters, job: Callable[[Headquarters], Awaitable[int]], level: int, done: str
) -> None:
    """A worker: runs `job` every scheduler interval and logs `done` (with the count the job
    returns: policies superseded, stages overdue) whenever it did anything."""
    while True:
        count = await job(hq)
        if count:
            log.log(level, done, count)
        await asyncio.sleep(hq.settings.hq_scheduler_interval)


async def supersession_scheduler(hq: Headquarters) -> None:
    await every_interval(hq, apply_due_supersessions, logging.INFO, "superseded versions of %d policies")


async def requisition_deadline_scheduler(hq: Headquarters) -> None:
    await every_interval(hq, open_overdue_stages, logging.DEBUG, "%d requisition stages overdue")
