"""Workers: the parks from configuration at start, and the policy-supersession timer."""

from __future__ import annotations

import asyncio
import logging

from park_shared.handler import CommandContext
from park_shared.runtime import Runtime

from park_headquarters.application.commands import Commands
from park_headquarters.application.policy_queries import COLLECTION
from park_headquarters.domain import park, policy
from park_headquarters.domain.policy_messages import ApplyDueSupersessions
from park_headquarters.domain.policy_timeline import due_supersessions
from park_headquarters.settings import HeadquartersSettings

__all__ = ["apply_due_supersessions", "register_parks", "supersession_scheduler"]

log = logging.getLogger(__name__)


async def register_parks(runtime: Runtime, settings: HeadquartersSettings) -> None:
    """The parks of PARK_PARKS, registered once (later starts find them registered)."""
    handler = Commands.of(runtime).parks
    context = CommandContext(actor="system:configuration")
    for park_id in settings.park_parks:
        command = park.RegisterPark(park_id=park_id, name=settings.park_name(park_id))
        await handler.handle(park.stream_id(park_id), command, context=context)


async def apply_due_supersessions(runtime: Runtime) -> int:
    """Supersedes every version whose successor has taken effect; returns how many policies."""
    if runtime.projection_runner is not None:
        await runtime.projection_runner.catch_up()
    today = runtime.today()
    handler = Commands.of(runtime).policies
    context = CommandContext(actor="system:scheduler")
    changed = 0
    for doc in await runtime.read_models.find(COLLECTION):
        state = policy.PolicyState.model_validate(doc)
        if due_supersessions(state.versions, today):
            command = ApplyDueSupersessions(today=today)
            await handler.handle(policy.stream_id(state.policy_id), command, context=context)
            changed += 1
    return changed


async def supersession_scheduler(runtime: Runtime, interval: float) -> None:
    while True:
        changed = await apply_due_supersessions(runtime)
        if changed:
            log.info("superseded versions of %d policies", changed)
        await asyncio.sleep(interval)
