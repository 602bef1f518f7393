"""Reactions: other services' events (and two of our own) turned into commands. Each runs
with the delivery's context, so a redelivered event has one effect."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from park_shared.consumer import Delivery, Reaction
from park_shared.events import type_name
from pydantic import BaseModel

from park_service_center.application.billing import raise_invoice
from park_service_center.application.cases import CaseRequest, open_case
from park_service_center.application.center import ServiceCenter
from park_service_center.domain.case_commands import RecordApprovalDecision
from park_service_center.domain.case_events import CaseOpened, EnterpriseCommissioned
from park_service_center.domain.policy import (
    RecordPolicyPublished,
    RecordPolicyRevoked,
    RecordPolicySuperseded,
    policy_stream,
)
from park_service_center.events import SERVICE
from park_service_center.readings import (
    LeadSigned,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
    ProjectApproved,
    ProjectRejected,
)

__all__ = ["billing_reactions", "foreign_reactions"]

E = TypeVar("E", bound=BaseModel)


def _typed(
    model: type[E], fn: Callable[[ServiceCenter, E, Delivery], Awaitable[None]], center: ServiceCenter
) -> Reaction:
    async def react(delivery: Delivery) -> None:
        assert isinstance(delivery.event, model)
        await fn(center, delivery.event, delivery)

    return react


async def lead_signed(center: ServiceCenter, e: LeadSigned, d: Delivery) -> None:
    request = CaseRequest(
        lead_id=e.lead_id, enterprise_name=e.company_name, credit_code=e.credit_code,
        project=e.project or f"{e.industry} project of {e.company_name}",
        planned_investment=e.planned_investment, park_id=e.park_id, industry=e.industry,
        green_channel=e.green_channel,
        green_channel_reason="green channel granted at signing (investment)" if e.green_channel else None,
        requested_parcel_id=e.preferred_parcel_id,
    )  # fmt: skip
    await open_case(center, request, d.context)


async def policy_published(center: ServiceCenter, e: PolicyPublished, d: Delivery) -> None:
    command = RecordPolicyPublished(**e.model_dump())
    await center.policies().handle(policy_stream(e.policy_id), command, context=d.context)
    if e.kind == "procedure_catalogue":
        center.catalogue_recorded.set()  # the scheduler opens waiting cases, each in its own write


async def policy_superseded(center: ServiceCenter, e: PolicySuperseded, d: Delivery) -> None:
    command = RecordPolicySuperseded(**e.model_dump())
    await center.policies().handle(policy_stream(e.policy_id), command, context=d.context)


async def policy_revoked(center: ServiceCenter, e: PolicyRevoked, d: Delivery) -> None:
    command = RecordPolicyRevoked(**e.model_dump())
    await center.policies().handle(policy_stream(e.policy_id), command, context=d.context)


async def project_decided(center: ServiceCenter, e: ProjectApproved | ProjectRejected, d: Delivery) -> None:
    approved = isinstance(e, ProjectApproved)
    calendar = await center.calendar(e.decided_on)
    command = RecordApprovalDecision(
        approved=approved, approval_id=e.approval_id, on=e.decided_on, calendar=calendar,
        allocated_parcel_id=e.allocated_parcel_id if isinstance(e, ProjectApproved) else None,
        reason=e.reason if isinstance(e, ProjectRejected) else None,
    )  # fmt: skip
    await center.cases().handle(e.case_id, command, expect="existing", context=d.context)


async def case_opened(center: ServiceCenter, e: CaseOpened, d: Delivery) -> None:
    await raise_invoice(
        center, case_id=e.case_id, phase="before_production", industry=e.industry,
        park_id=e.park_id, on=e.opened_on, context=d.context,
    )  # fmt: skip


async def commissioned(center: ServiceCenter, e: EnterpriseCommissioned, d: Delivery) -> None:
    case, _ = await center.cases().load(e.case_id)
    await raise_invoice(
        center, case_id=e.case_id, phase="after_production", industry=case.industry,
        park_id=case.park_id, on=e.commissioned_on, context=d.context,
    )  # fmt: skip


def foreign_reactions(center: ServiceCenter) -> dict[str, Reaction]:
    """investment's and headquarters' events this service acts on."""
    return {
        type_name("investment", "LeadSigned", 1): _typed(LeadSigned, lead_signed, center),
        type_name("headquarters", "PolicyPublished", 1): _typed(PolicyPublished, policy_published, center),
        type_name("headquarters", "PolicySuperseded", 1): _typed(PolicySuperseded, policy_superseded, center),
        type_name("headquarters", "PolicyRevoked", 1): _typed(PolicyRevoked, policy_revoked, center),
        type_name("headquarters", "ProjectApproved", 1): _typed(ProjectApproved, project_decided, center),
        type_name("headquarters", "ProjectRejected", 1): _typed(ProjectRejected, project_decided, center),
    }


def billing_reactions(center: ServiceCenter) -> dict[str, Reaction]:
    """Our own CaseOpened and EnterpriseCommissioned, read back from our topic, raise the
    invoices: each in its own write, never a second write in the same request."""
    return {
        type_name(SERVICE, "CaseOpened", 1): _typed(CaseOpened, case_opened, center),
        type_name(SERVICE, "EnterpriseCommissioned", 1): _typed(EnterpriseCommissioned, commissioned, center),
    }
