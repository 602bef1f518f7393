"""The service-center's one application context, built once by bootstrap: its aggregates
(cases, invoices, support tickets, vacancies, the local record of HQ's policies) bound to their deciders
and streams, the zone's parks, and the queries more than one use case asks (HQ's calendar and
catalogue in force). The API, the reactions and the schedulers take it."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import TypeVar

from park_shared.aggregate import Aggregate
from park_shared.application import Application
from park_shared.errors import NotFound
from park_shared.handler import CommandContext, Outcome
from park_shared.projections.port import Doc
from park_shared.runtime import Runtime
from park_shared.working_days import WorkingCalendar
from pydantic import BaseModel

from park_service_center.application.policies import (
    calendar_in_force,
    catalogue_and_calendar_in_force,
    catalogue_in_force,
)
from park_service_center.domain.case import case_decider
from park_service_center.domain.case_commands import CatalogueInForce, OpenCase
from park_service_center.domain.case_events import CaseEvent
from park_service_center.domain.case_state import Case
from park_service_center.domain.invoice import RaiseInvoice, invoice_decider
from park_service_center.domain.policy import (
    RecordPolicyPublished,
    RecordPolicyRevoked,
    RecordPolicySuperseded,
    policy_decider,
)
from park_service_center.domain.regulation import (
    ENVIRONMENTAL_KIND,
    ENVIRONMENTAL_STEP,
    Citation,
    RecordRegulationPublished,
    RecordRegulationRepealed,
    RegulationRecord,
    cite,
    regulation_decider,
)
from park_service_center.domain.talent import ApplyForSubsidy
from park_service_center.domain.talent import decider as talent_decider
from park_service_center.domain.talent_person import IdentifyPerson, person_decider
from park_service_center.domain.ticket import OpenTicket, ticket_decider
from park_service_center.domain.vacancy import PostVacancy, VacancyEvent, VacancyState
from park_service_center.domain.vacancy import decider as vacancy_decider
from park_service_center.projections.names import CASES, INVOICES, REGULATIONS, VACANCIES
from park_service_center.settings import ServiceCenterSettings

__all__ = ["ServiceCenter"]

C = TypeVar("C")
S = TypeVar("S")
E = TypeVar("E", bound=BaseModel)


def _since(case: Doc) -> str:
    """When a case document opened, or was received while it waits (ISO dates sort as dates)."""
    return str(case.get("opened_on") or case.get("received_on") or "")


class ServiceCenter(Application):
    def __init__(self, runtime: Runtime, settings: ServiceCenterSettings) -> None:
        super().__init__(runtime)
        self.cases = self.aggregate(case_decider, mostly_new=(OpenCase,))
        """A walk-in's case id is new; a lead's is derived from the lead, so a second
        LeadSigned (or the catalogue scheduler) finds it: the decider tells them apart."""
        self.invoices = self.aggregate(invoice_decider, mostly_new=(RaiseInvoice,))
        """One invoice per case and phase: raising it again changes nothing."""
        self.tickets = self.aggregate(ticket_decider, creates=(OpenTicket,))
        self.policies = self.aggregate(
            policy_decider,
            stream="policy",
            upserts=(RecordPolicyPublished, RecordPolicySuperseded, RecordPolicyRevoked),
        )
        self.regulations = self.aggregate(
            regulation_decider,
            stream="regulation",
            upserts=(RecordRegulationPublished, RecordRegulationRepealed),
        )
        """The local record of HQ's management regulations (what refusals cite)."""
        self.vacancies = self.aggregate(
            vacancy_decider, creates=(PostVacancy,), missing=("vacancy", "vacancy_id")
        )
        """The labour market: an enterprise's vacancy, id `vacancy-<hex>`, its own stream."""
        self.talent = self.aggregate(talent_decider, stream="talent", upserts=(ApplyForSubsidy,))
        """Talent subsidies: one stream per person and category (`talent-<person key>-<category>`,
        domain.talent.stream_key); a rejected application may be followed by another."""
        self.talent_persons = self.aggregate(
            person_decider, stream="talent-person", upserts=(IdentifyPerson,)
        )
        """The sealed personal data of the persons applied for, by pseudonym (`tp-<hex>`)."""
        self.settings = settings
        self.catalogue_recorded = asyncio.Event()
        """Set when HQ's procedure catalogue policy is recorded: wakes the catalogue scheduler."""

    async def calendar(self, day: date | None = None) -> WorkingCalendar:
        """HQ's working-day calendar in force on `day` (today), as recorded here."""
        return await calendar_in_force(await self.read_models(), day or self.today())

    async def catalogue(self, day: date) -> CatalogueInForce | None:
        """HQ's procedure catalogue in force on `day`, as recorded here (None: none is)."""
        return await catalogue_in_force(await self.read_models(), day)

    async def catalogue_and_calendar(self, day: date) -> tuple[CatalogueInForce | None, WorkingCalendar]:
        """`catalogue(day)` and `calendar(day)` from one catch-up of the read models (each
        catch-up waits for the events stored when it was asked for)."""
        return await catalogue_and_calendar_in_force(await self.read_models(), day)

    async def cited(self, citation: Citation | None, step_code: str, on: date) -> Citation | None:
        """A refusal's citation checked against HQ's regulations in force on `on`, as recorded
        here, with the version it cites (422 naming `citation` or `citation.article`); an
        environmental-assessment step cites the environmental regulation."""
        if citation is None:
            return None
        doc = await (await self.read_models()).get(REGULATIONS, citation.regulation_id)
        record = RegulationRecord.model_validate(doc) if doc is not None else None
        kind = ENVIRONMENTAL_KIND if step_code == ENVIRONMENTAL_STEP else None
        return cite(record, citation, on, kind=kind)

    async def open_case(self, command: OpenCase, context: CommandContext) -> Outcome[Case, CaseEvent]:
        """Opens a case in one of the zone's parks. With no catalogue in force, a walk-in is
        refused (409) and a lead's case waits for one (application/awaiting)."""
        self.park(command.park_id)
        return await self.cases.handle(command.case_id, command, context)

    async def post_vacancy(
        self, command: PostVacancy, context: CommandContext
    ) -> Outcome[VacancyState, VacancyEvent]:
        """Posts a vacancy in one of the zone's parks."""
        self.park(command.park_id)
        return await self.vacancies.handle(command.vacancy_id, command, context)

    async def vacancy_list(self, *, park_id: str | None, sector: str | None, status: str | None) -> list[Doc]:
        """The vacancy documents (of a park, a sector, a status), the latest posted first."""
        where = {
            k: v for k, v in {"park_id": park_id, "sector": sector, "status": status}.items() if v is not None
        }
        docs = await (await self.read_models()).find(VACANCIES, where=where)
        return sorted(docs, key=lambda d: (str(d["posted_on"]), d["vacancy_id"]), reverse=True)

    async def existing(self, aggregate: Aggregate[C, S, E], id_: str, what: str) -> tuple[S, int]:
        """The state of `id_` and its version; 404 (`no <what> <id>`) when it has no stream."""
        state, version = await aggregate.load(id_)
        if version == 0:
            raise NotFound(f"no {what} {id_}")
        return state, version

    async def case_list(self, *, status: str | None, lead_id: str | None) -> list[Doc]:
        """The case documents (of a status, of a lead), green channel first, then the earliest
        opened (or received, for a case waiting for the catalogue)."""
        where = {k: v for k, v in {"status": status, "lead_id": lead_id}.items() if v is not None}
        docs = await (await self.read_models()).find(CASES, where=where)
        return sorted(docs, key=lambda d: (not d["green_channel"], _since(d), d["case_id"]))

    async def invoices_of(self, case_id: str) -> list[Doc]:
        """The invoice documents of a case; 404 when there is no such case."""
        read_models = await self.read_models()
        if await read_models.get(CASES, case_id) is None:
            raise NotFound(f"no case {case_id}")
        return await read_models.find(INVOICES, where={"case_id": case_id})
