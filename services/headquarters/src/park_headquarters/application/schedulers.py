"""Workers: the parks from configuration at start, and the policy-supersession timer."""

from __future__ import annotations

import asyncio
import logging

from park_shared.handler import CommandContext

from park_headquarters.application.context import Headquarters
from park_headquarters.application.policy_queries import COLLECTION
from park_headquarters.domain import park, policy
from park_headquarters.domain.policy_messages import ApplyDueSupersessions
from park_headquarters.domain.policy_timeline import due_supersessions

__all__ = ["apply_due_supersessions", "register_parks", "supersession_scheduler"]

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


async def supersession_scheduler(hq: Headquarters) -> None:
    while True:
        changed = await apply_due_supersessions(hq)
        if changed:
            log.info("superseded versions of %d policies", changed)
        await asyncio.sleep(hq.settings.hq_scheduler_interval)
