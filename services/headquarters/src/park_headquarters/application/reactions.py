"""Reactions to the other services' events: each event becomes a command on one of our
aggregates, carrying the delivery's inbox key, so a redelivered event has one effect."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from park_shared.consumer import Delivery, Reaction
from park_shared.errors import NotFound
from park_shared.reacting import on

from park_headquarters.application import requisitions
from park_headquarters.application.calendar import calendar_on
from park_headquarters.application.context import Headquarters
from park_headquarters.application.policy_queries import Deadline, promised_deadline
from park_headquarters.domain import approval, offering, parcel, supervision
from park_headquarters.domain.land_requisition import RecordCompensationPaid
from park_headquarters.readings import (
    ApprovalRequested,
    InfrastructureCompleted,
    LandCompensationPaid,
    OfferingClosed,
    StepOverdue,
    TalentDecisionOverdue,
)

__all__ = ["Reactions", "reactions"]


def reactions(hq: Headquarters) -> Mapping[str, Reaction]:
    """The reaction to each foreign event type headquarters reads."""
    return Reactions(hq).table()


class Reactions:
    def __init__(self, hq: Headquarters) -> None:
        self._hq = hq

    def table(self) -> Mapping[str, Reaction]:
        type_of = self._hq.runtime.registry.type_of
        return {
            type_of(ApprovalRequested): on(ApprovalRequested, self.approval_requested),
            type_of(StepOverdue): on(StepOverdue, self.step_overdue),
            type_of(TalentDecisionOverdue): on(TalentDecisionOverdue, self.talent_decision_overdue),
            type_of(InfrastructureCompleted): on(InfrastructureCompleted, self.infrastructure_completed),
            type_of(OfferingClosed): on(OfferingClosed, self.offering_closed),
            type_of(LandCompensationPaid): on(LandCompensationPaid, self.compensation_paid),
        }

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
        read_models = await self._hq.read_models()
        calendar = await calendar_on(read_models, event.requested_on)
        return await promised_deadline(
            read_models, calendar, event.step_code, event.requested_on, event.working_days
        )

    async def approval_requested(self, event: ApprovalRequested, delivery: Delivery) -> None:
        promise = await self._promise(event)
        approval_id = approval.approval_id_of(event.case_id)
        command = approval.ReceiveApprovalRequest(
            approval_id=approval_id,
            case_id=event.case_id,
            step_code=event.step_code,
            enterprise_name=event.enterprise_name,
            credit_code=event.credit_code,
            project=event.project,
            planned_investment=event.planned_investment,
            park_id=event.park_id,
            requested_parcel_id=event.requested_parcel_id,
            requested_on=event.requested_on,
            working_days=promise.working_days,
            deadline=promise.deadline,
            deadline_source=promise.source,
            deadline_provisional=promise.provisional,
        )
        await self._hq.approvals.handle(approval_id, command, context=delivery.context)

    async def step_overdue(self, event: StepOverdue, delivery: Delivery) -> None:
        supervision_id = supervision.overdue_case_id(event.case_id, event.step_code)
        command = supervision.OpenForOverdueStep(
            supervision_id=supervision_id,
            case_id=event.case_id,
            step_code=event.step_code,
            step_name=event.step_name,
            deadline=event.deadline,
            enterprise_name=event.enterprise_name,
            opened_on=self._hq.today(),
            unit=event.decided_by,
        )
        await self._hq.supervision.handle(supervision_id, command, context=delivery.context)

    async def talent_decision_overdue(self, event: TalentDecisionOverdue, delivery: Delivery) -> None:
        """A talent subsidy undecided after service-center's promised day: one supervision case
        per application, like an overdue step (the enterprise named by its credit code)."""
        step_code = "talent_decision"
        supervision_id = supervision.overdue_case_id(event.application_id, step_code)
        command = supervision.OpenForOverdueStep(
            supervision_id=supervision_id,
            case_id=event.application_id,
            step_code=step_code,
            step_name=f"人才补贴审核 talent subsidy decision ({event.category})",
            deadline=event.deadline,
            enterprise_name=event.enterprise_id,
            opened_on=self._hq.today(),
            unit="service-center",
        )
        await self._hq.supervision.handle(supervision_id, command, context=delivery.context)

    async def infrastructure_completed(self, event: InfrastructureCompleted, delivery: Delivery) -> None:
        """Each parcel in its own stream, with its own inbox key; an unknown parcel is
        refused after the others are serviced (and the event goes to the DLQ)."""
        unknown: list[str] = []
        for parcel_id in dict.fromkeys(event.parcel_ids):
            command = parcel.MarkParcelServiced(
                parcel_id=parcel_id, serviced_on=event.completed_on, by_project_id=event.project_id
            )
            key = f"{delivery.context.inbox_key}:{parcel_id}"
            context = dataclasses.replace(delivery.context, inbox_key=key)
            try:
                await self._hq.parcels.handle(parcel_id, command, context=context)
            except NotFound:
                unknown.append(parcel_id)
        if unknown:
            raise NotFound(f"infrastructure completed for unknown parcels: {', '.join(unknown)}")

    async def offering_closed(self, event: OfferingClosed, delivery: Delivery) -> None:
        command = offering.RecordOfferingClosed(
            offering_id=event.offering_id,
            title=event.title,
            target_amount=event.target_amount,
            raised_amount=event.raised_amount,
            shares_issued=event.shares_issued,
            holders=event.holders,
            closed_on=event.closed_on,
        )
        await self._hq.offerings.handle(event.offering_id, command, context=delivery.context)

    async def compensation_paid(self, event: LandCompensationPaid, delivery: Delivery) -> None:
        """Industrial-co's payment recorded on its case (once: the same payment again changes
        nothing); a case it completes has its parcels requisitioned."""
        command = RecordCompensationPaid(
            case_id=event.case_id,
            collective_id=event.collective_id,
            amount=event.amount,
            payment_id=event.payment_id,
            paid_on=event.paid_on,
        )
        await requisitions.handle(self._hq, event.case_id, command, delivery.context)
