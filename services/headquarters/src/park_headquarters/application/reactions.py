"""Reactions to the other services' events: each event becomes a command on one of our
aggregates, carrying the delivery's inbox key, so a redelivered event has one effect."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from park_shared.consumer import Delivery, Reaction
from park_shared.errors import NotFound
from park_shared.projections.port import ReadModelStore
from park_shared.runtime import Runtime

from park_headquarters.application.calendar import calendar_on
from park_headquarters.application.commands import Commands
from park_headquarters.application.policy_queries import Deadline, promised_deadline
from park_headquarters.domain import approval, offering, parcel, supervision
from park_headquarters.readings import (
    ApprovalRequested,
    InfrastructureCompleted,
    OfferingClosed,
    StepOverdue,
)

__all__ = ["Reactions"]


class Reactions:
    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime

    def table(self) -> Mapping[str, Reaction]:
        type_of = self._runtime.registry.type_of
        return {
            type_of(ApprovalRequested): self.approval_requested,
            type_of(StepOverdue): self.step_overdue,
            type_of(InfrastructureCompleted): self.infrastructure_completed,
            type_of(OfferingClosed): self.offering_closed,
        }

    async def _read_models(self) -> ReadModelStore:
        if self._runtime.projection_runner is not None:
            await self._runtime.projection_runner.catch_up()
        return self._runtime.read_models

    async def _promise(self, event: ApprovalRequested) -> Deadline:
        """The deadline service-center promised, as it carries it; recomputed only for a
        request stored before requests carried it."""
        if event.deadline is not None:
            return Deadline(
                working_days=event.working_days,
                deadline=event.deadline,
                source="request",
                provisional=event.deadline_provisional,
            )
        read_models = await self._read_models()
        calendar = await calendar_on(read_models, event.requested_on)
        return await promised_deadline(
            read_models, calendar, event.step_code, event.requested_on, event.working_days
        )

    async def approval_requested(self, delivery: Delivery) -> None:
        event = delivery.event
        assert isinstance(event, ApprovalRequested)
        due = await self._promise(event)
        approval_id = approval.approval_id_of(event.case_id)
        command = approval.ReceiveApprovalRequest(
            **event.model_dump(exclude={"working_days", "deadline", "deadline_provisional"}),
            approval_id=approval_id,
            working_days=due.working_days,
            deadline=due.deadline,
            deadline_source=due.source,
            deadline_provisional=due.provisional,
        )
        handler = Commands.of(self._runtime).approvals
        await handler.handle(approval.stream_id(approval_id), command, context=delivery.context)

    async def step_overdue(self, delivery: Delivery) -> None:
        event = delivery.event
        assert isinstance(event, StepOverdue)
        sid = supervision.overdue_case_id(event.case_id, event.step_code)
        command = supervision.OpenForOverdueStep(
            supervision_id=sid,
            opened_on=self._runtime.today(),
            unit=event.decided_by,
            **event.model_dump(exclude={"decided_by"}),
        )
        handler = Commands.of(self._runtime).supervision
        await handler.handle(supervision.stream_id(sid), command, context=delivery.context)

    async def infrastructure_completed(self, delivery: Delivery) -> None:
        """Each parcel in its own stream, with its own inbox key; an unknown parcel is
        refused after the others are serviced (and the event goes to the DLQ)."""
        event = delivery.event
        assert isinstance(event, InfrastructureCompleted)
        handler = Commands.of(self._runtime).parcels
        unknown: list[str] = []
        for parcel_id in dict.fromkeys(event.parcel_ids):
            command = parcel.MarkParcelServiced(
                parcel_id=parcel_id, serviced_on=event.completed_on, by_project_id=event.project_id
            )
            key = f"{delivery.context.inbox_key}:{parcel_id}"
            context = dataclasses.replace(delivery.context, inbox_key=key)
            try:
                await handler.handle(parcel.stream_id(parcel_id), command, context=context)
            except NotFound:
                unknown.append(parcel_id)
        if unknown:
            raise NotFound(f"infrastructure completed for unknown parcels: {', '.join(unknown)}")

    async def offering_closed(self, delivery: Delivery) -> None:
        event = delivery.event
        assert isinstance(event, OfferingClosed)
        command = offering.RecordOfferingClosed(**event.model_dump())
        handler = Commands.of(self._runtime).offerings
        await handler.handle(offering.stream_id(event.offering_id), command, context=delivery.context)
