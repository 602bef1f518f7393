"""Land requisition across two kinds of streams: a case and the parcels it names. Opening a case
names its parcels (to_requisition) once the case's own rules have passed, so a refused case
changes no parcel; a case that completes makes its parcels requisitioned. Both steps are
idempotent per case, so a retried request or a redelivered payment finishes what a crash left
half done. And the stages' promised time limits: an overdue stage opens a supervision case."""

from __future__ import annotations

import dataclasses
from datetime import date

from park_shared.errors import Conflict, DomainError
from park_shared.handler import CommandContext
from park_shared.projections.port import Doc
from park_shared.working_days import WorkingCalendar

from park_headquarters.application.context import Headquarters
from park_headquarters.domain import land_requisition as lr
from park_headquarters.domain import parcel, supervision
from park_headquarters.domain.requisition_stages import Progress, StageTiming, stage_timings
from park_headquarters.projections.requisitions import COLLECTION

__all__ = [
    "handle",
    "open_case",
    "open_overdue_stages",
    "progress_of",
    "settle_parcels",
    "stages",
    "supervision_id_of",
]


async def open_case(hq: Headquarters, command: lr.OpenRequisition, context: CommandContext) -> None:
    """The parcels are unknown to the zone (422/409 otherwise), the case is new and valid
    (its decider's refusals, before anything is stored); then each parcel is named for the
    case and the case is opened. A parcel another case took after the checks (a race) refuses
    the case, and the parcels this call named are unnamed before the refusal is answered."""
    await hq.ensure_requisitionable(command.parcel_ids)
    existing, _ = await hq.requisitions.load(command.case_id)
    if existing.exists:
        raise Conflict(f"requisition case {command.case_id} exists already", case_id=command.case_id)
    lr.decide(command, existing)  # the case's own refusals (422), before any parcel is named
    named: list[str] = []
    try:
        for parcel_id in command.parcel_ids:
            name = parcel.NameParcelForRequisition(
                parcel_id=parcel_id,
                case_id=command.case_id,
                named_on=command.opened_on,
                known_parks=hq.settings.park_parks,
            )
            if (await hq.parcels.handle(parcel_id, name, context=context)).events:
                named.append(parcel_id)
        await hq.requisitions.handle(command.case_id, command, context=context)
    except DomainError:
        # another case took a parcel after the checks: undo what this call named, unless the
        # same case was opened meanwhile (a retried request): then the names are its own
        opened, _ = await hq.requisitions.load(command.case_id)
        for parcel_id in named if not opened.exists else ():
            undo = parcel.UnnameParcel(
                parcel_id=parcel_id, case_id=command.case_id, unnamed_on=command.opened_on
            )
            await hq.parcels.handle(parcel_id, undo, context=context)
        raise


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


# -- the stages' promised time limits -------------------------------------------------------
def progress_of(doc: Doc) -> Progress:
    """What the case's document says was done, and when."""
    by = doc["by_collective"]

    def done(part: str, day: str) -> dict[str, date]:
        return {k: date.fromisoformat(v[part][day]) for k, v in by.items() if v.get(part)}

    resettled = {
        k: (v["resettlement"]["households_resettled"], date.fromisoformat(v["resettlement"]["noted_on"]))
        for k, v in by.items()
        if v.get("resettlement")
    }
    issues = {
        k: (
            date.fromisoformat(i["raised_on"]),
            date.fromisoformat(i["closed_on"]) if i.get("closed_on") else None,
        )
        for k, i in doc["issues"].items()
    }
    return Progress(
        opened_on=date.fromisoformat(doc["opened_on"]),
        households={c["collective_id"]: c["households"] for c in doc["collectives"]},
        signed_on=done("agreement", "signed_on"),
        paid_on=done("payment", "paid_on"),
        resettled=resettled,
        issues=issues,
    )


async def stages(hq: Headquarters, doc: Doc, calendar: WorkingCalendar | None = None) -> list[StageTiming]:
    """The case's stages on the zone calendar in force today, each with its deadline; a case
    opened before stages had limits keeps the zone's limits of today."""
    today = hq.today()
    calendar = calendar or await hq.calendar(today)
    limits: dict[str, int] = doc.get("time_limits") or hq.requisition_limits()
    return stage_timings(progress_of(doc), limits, calendar, today)


def supervision_id_of(case_id: str, code: str) -> str:
    return supervision.overdue_case_id(case_id, f"requisition-{code}")


async def open_overdue_stages(hq: Headquarters) -> int:
    """Opens a supervision case for each overdue stage of every case (once: an open one is left
    as it is); returns how many stages are overdue."""
    read_models = await hq.read_models()
    today = hq.today()
    calendar = await hq.calendar(today)
    context = CommandContext(actor="system:scheduler")
    overdue = 0
    for doc in await read_models.find(COLLECTION):
        for stage in await stages(hq, doc, calendar):
            if not stage.overdue or stage.deadline is None:
                continue
            overdue += 1
            sid = supervision_id_of(doc["case_id"], stage.code)
            command = supervision.OpenForOverdueStep(
                supervision_id=sid,
                case_id=doc["case_id"],
                step_code=f"requisition-{stage.code}",
                step_name=stage.name,
                deadline=stage.deadline,
                enterprise_name=", ".join(c["name"] for c in doc["collectives"]),
                opened_on=today,
                unit=stage.unit,
            )
            await hq.supervision.handle(sid, command, context=context)
    return overdue
