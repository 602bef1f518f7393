"""The application's context: the runtime, HQ's calendar, and one command handler per
aggregate (the ONE generic handler, bound to each decider)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from park_shared.handler import CommandHandler
from park_shared.projections.port import ReadModelStore
from park_shared.runtime import Runtime
from park_shared.working_days import WorkingCalendar

from park_service_center.application.policies import calendar_in_force
from park_service_center.domain.case import case_decider
from park_service_center.domain.case_commands import CaseCommand
from park_service_center.domain.case_events import CaseEvent
from park_service_center.domain.case_state import Case
from park_service_center.domain.invoice import Invoice, InvoiceCommand, InvoiceEvent, invoice_decider
from park_service_center.domain.policy import PolicyCommand, PolicyEvent, PolicyRecord, policy_decider
from park_service_center.domain.ticket import Ticket, TicketCommand, TicketEvent, ticket_decider

__all__ = ["ServiceCenter"]


@dataclass(frozen=True)
class ServiceCenter:
    runtime: Runtime
    parks: tuple[str, ...]
    catalogue_recorded: asyncio.Event = field(default_factory=asyncio.Event, compare=False)
    """Set when HQ's procedure catalogue policy is recorded: wakes the catalogue scheduler."""

    def today(self) -> date:
        return self.runtime.today()

    def cases(self) -> CommandHandler[CaseCommand, Case, CaseEvent]:
        return CommandHandler(self.runtime.store, self.runtime.registry, case_decider)

    def invoices(self) -> CommandHandler[InvoiceCommand, Invoice, InvoiceEvent]:
        return CommandHandler(self.runtime.store, self.runtime.registry, invoice_decider)

    def tickets(self) -> CommandHandler[TicketCommand, Ticket, TicketEvent]:
        return CommandHandler(self.runtime.store, self.runtime.registry, ticket_decider)

    def policies(self) -> CommandHandler[PolicyCommand, PolicyRecord, PolicyEvent]:
        return CommandHandler(self.runtime.store, self.runtime.registry, policy_decider)

    async def calendar(self, day: date | None = None) -> WorkingCalendar:
        """HQ's working-day calendar in force on `day` (today), as recorded here."""
        return await calendar_in_force(await self.read_models(), day or self.today())

    async def read_models(self) -> ReadModelStore:
        """The read models, caught up with every event stored so far."""
        if self.runtime.projection_runner is not None:
            await self.runtime.projection_runner.catch_up()
        return self.runtime.read_models

    @staticmethod
    def of(runtime: Runtime) -> ServiceCenter:
        center: Any = runtime.state["center"]
        assert isinstance(center, ServiceCenter)
        return center
