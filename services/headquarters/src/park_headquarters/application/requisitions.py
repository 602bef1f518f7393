"""Land requisition across two kinds of streams: a case and the parcels it names. Opening a case
names its parcels (to_requisition) once the case's own rules have passed, so a refused case
changes no parcel; a case that completes makes its parcels requisitioned. Both steps are
idempotent per case, so a retried request or a redelivered payment finishes what a crash left
half done."""

from __future__ import annotations

import dataclasses

from park_shared.errors import Conflict
from park_shared.handler import CommandContext

from park_headquarters.application.context import Headquarters
from park_headquarters.domain import land_requisition as lr
from park_headquarters.domain import parcel

__all__ = ["handle", "open_case", "settle_parcels"]


async def open_case(hq: Headquarters, command: lr.OpenRequisition, context: CommandContext) -> None:
    """The parcels are unknown to the zone (422/409 otherwise), the case is new and valid
    (its decider's refusals, before anything is stored); then each parcel is named for the
    case and the case is opened."""
    await hq.ensure_requisitionable(command.parcel_ids)
    existing, _ = await hq.requisitions.load(command.case_id)
    if existing.exists:
        raise Conflict(f"requisition case {command.case_id} exists already", case_id=command.case_id)
    lr.decide(command, existing)  # the case's own refusals (422), before any parcel is named
    for parcel_id in command.parcel_ids:
        name = parcel.NameParcelForRequisition(
            parcel_id=parcel_id,
            case_id=command.case_id,
            named_on=command.opened_on,
            known_parks=hq.settings.park_parks,
        )
        await hq.parcels.handle(parcel_id, name, context=context)
    await hq.requisitions.handle(command.case_id, command, context=context)


async def handle(
    hq: Headquarters, case_id: str, command: lr.RequisitionCommand, context: CommandContext
) -> lr.RequisitionState:
    """Runs a command on the case; a complete case (now or before) has its parcels requisitioned."""
    outcome = await hq.requisitions.handle(case_id, command, context=context)
    await settle_parcels(hq, outcome.state, context)
    return outcome.state


async def settle_parcels(hq: Headquarters, case: lr.RequisitionState, context: CommandContext) -> None:
    """A completed case's parcels become requisitioned (once each: a repeat changes nothing)."""
    if case.completed_on is None:
        return
    for parcel_id in case.parcel_ids:
        command = parcel.CompleteParcelRequisition(
            parcel_id=parcel_id, case_id=case.case_id, requisitioned_on=case.completed_on
        )
        key = context.inbox_key and f"{context.inbox_key}:{parcel_id}"  # one delivery, many streams
        await hq.parcels.handle(parcel_id, command, context=dataclasses.replace(context, inbox_key=key))
