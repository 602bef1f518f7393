"""The overdue scheduler, of case steps and of talent subsidy decisions: deadlines are data
(the `sc_deadlines` and `sc_talent_applications` read models, rebuilt from the events), so a scan
after a restart finds every deadline that passed while the service was down. The deciders
refuse (or ignore) a second flag for a step or an application, so two scans, two processes or a
crash between append and checkpoint still leave exactly one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date

from park_shared.errors import Conflict, NotFound
from park_shared.handler import CommandContext

from park_service_center.application.context import ServiceCenter
from park_service_center.domain.case_commands import FlagOverdue
from park_service_center.domain.talent import FlagApplicationOverdue, stream_key
from park_service_center.projections.names import DEADLINES, TALENT_APPLICATIONS

__all__ = ["overdue_worker", "scan_overdue"]

log = logging.getLogger(__name__)

ACTOR = "sc:scheduler:overdue"


async def scan_overdue(center: ServiceCenter) -> int:
    """Flags every step whose deadline has passed undecided; returns how many it flagged."""
    today = center.today()
    watched = await (await center.read_models()).find(DEADLINES)
    flagged = 0
    for doc in watched:
        if date.fromisoformat(doc["deadline"]) >= today:
            continue
        command = FlagOverdue(step_code=doc["step_code"], on=today)
        try:
            outcome = await center.cases.handle(doc["case_id"], command, CommandContext(actor=ACTOR))
        except (Conflict, NotFound) as refused:
            log.debug("overdue %s/%s refused: %s", doc["case_id"], doc["step_code"], refused)
            continue
        flagged += len(outcome.events)
    return flagged + await scan_overdue_talent(center, today)


async def scan_overdue_talent(center: ServiceCenter, today: date) -> int:
    """Flags every talent application still undecided after its promised day (the decider
    records it once per application, whoever scans)."""
    pending = await (await center.read_models()).find(TALENT_APPLICATIONS, where={"status": "pending"})
    flagged = 0
    for doc in pending:
        if doc.get("overdue_on") or date.fromisoformat(doc["deadline"]) >= today:
            continue
        command = FlagApplicationOverdue(application_id=doc["application_id"], on=today)
        stream = stream_key(doc["person_key"], doc["category"])
        try:
            outcome = await center.talent.handle(stream, command, CommandContext(actor=ACTOR))
        except (Conflict, NotFound) as refused:
            log.debug("overdue talent application %s refused: %s", doc["application_id"], refused)
            continue
        flagged += len(outcome.events)
    return flagged


def overdue_worker(center: ServiceCenter, interval: float) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        while True:
            flagged = await scan_overdue(center)
            if flagged:
                log.info("flagged %d overdue step(s)", flagged)
            await asyncio.sleep(interval)

    return run
