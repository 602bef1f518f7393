"""The catalogue scheduler: a signed lead that arrives while no procedure catalogue is in force
waits (CaseAwaitingCatalogue); once one is in force, this opens every waiting case, its clocks
running from that day. The case decider opens a case once, so two scans, two processes or a
redelivered LeadSigned still leave one CaseOpened. Each case is its own write, with no inbox key."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from park_shared.errors import DomainError
from park_shared.handler import CommandContext

from park_service_center.application.context import ServiceCenter
from park_service_center.application.policies import catalogue_in_force
from park_service_center.domain.case_commands import CatalogueInForce, OpenCase
from park_service_center.domain.case_events import CaseAwaitingCatalogue, CaseOpened
from park_service_center.projections.names import AWAITING_CATALOGUE

__all__ = ["ACTOR", "awaiting_worker", "open_awaiting"]

log = logging.getLogger(__name__)

ACTOR = "system"


async def open_awaiting(center: ServiceCenter) -> int:
    """Opens the waiting cases when a catalogue is in force today; returns how many it opened."""
    read_models = await center.read_models()
    waiting = await read_models.find(AWAITING_CATALOGUE)
    if not waiting:
        return 0
    today = center.today()
    catalogue = await catalogue_in_force(read_models, today)
    if catalogue is None:
        return 0
    opened = 0
    for doc in waiting:
        opened += await _open_one(center, doc, catalogue)
    return opened


async def _open_one(center: ServiceCenter, doc: dict[str, Any], catalogue: CatalogueInForce) -> int:
    request = CaseAwaitingCatalogue.model_validate(doc["request"])
    command = OpenCase(
        case_id=request.case_id, lead_id=request.lead_id, enterprise_name=request.enterprise_name,
        credit_code=request.credit_code, project=request.project,
        planned_investment=request.planned_investment, park_id=request.park_id, industry=request.industry,
        green_channel=request.green_channel, green_channel_reason=request.green_channel_reason,
        requested_parcel_id=request.requested_parcel_id, opened_on=center.today(), catalogue=catalogue,
        calendar=await center.calendar(),
    )  # fmt: skip
    context = CommandContext(
        actor=ACTOR, correlation_id=doc["correlation_id"], causation_id=doc["causation_id"]
    )
    try:
        outcome = await center.cases.handle(request.case_id, command, context)
    except DomainError as refused:  # one refused case must not hold up the others
        log.warning("waiting case %s not opened: %s", request.case_id, refused.detail)
        return 0
    return sum(isinstance(e, CaseOpened) for e in outcome.events)


def awaiting_worker(center: ServiceCenter, interval: float) -> Callable[[], Awaitable[None]]:
    """Scans every `interval` seconds, and at once when a catalogue policy is recorded."""

    async def run() -> None:
        while True:
            center.catalogue_recorded.clear()
            opened = await open_awaiting(center)
            if opened:
                log.info("opened %d case(s) that waited for the procedure catalogue", opened)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(center.catalogue_recorded.wait(), interval)

    return run
