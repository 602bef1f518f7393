"""Reactions: other services' events (and two of our own) turned into commands. Each runs
with the delivery's context, so a redelivered event has one effect."""

from __future__ import annotations

from functools import partial

from park_shared.consumer import Delivery, Reaction
from park_shared.events import type_name
from park_shared.reacting import on

from park_service_center.application.billing import raise_invoice
from park_service_center.application.context import ServiceCenter
from park_service_center.domain.case import case_id_for_lead
from park_service_center.domain.case_commands import OpenCase, RecordApprovalDecision
from park_service_center.domain.case_events import CaseOpened, EnterpriseCommissioned
from park_service_center.domain.policy import (
    RecordPolicyPublished,
    RecordPolicyRevoked,
    RecordPolicySuperseded,
)
from park_service_center.domain.regulation import RecordRegulationPublished, RecordRegulationRepealed
from park_service_center.events import SERVICE
from park_service_center.readings import (
    LeadSigned,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
    ProjectApproved,
    ProjectRejected,
    RegulationPublished,
    RegulationRepealed,
)

__all__ = ["billing_reactions", "reactions"]


async def lead_signed(center: ServiceCenter, e: LeadSigned, d: Delivery) -> None:
    """A signed lead's case opens by itself, with the id derived from the lead: a second
    LeadSigned finds it and changes nothing."""
    today = center.today()
    catalogue, calendar = await center.catalogue_and_calendar(today)
    command = OpenCase(
        case_id=case_id_for_lead(e.lead_id), lead_id=e.lead_id, enterprise_name=e.company_name,
        credit_code=e.credit_code, project=e.project or f"{e.industry} project of {e.company_name}",
        planned_investment=e.planned_investment, park_id=e.park_id, industry=e.industry,
        green_channel=e.green_channel,
        green_channel_reason="green channel granted at signing (investment)" if e.green_channel else None,
        requested_parcel_id=e.preferred_parcel_id, opened_on=today,
        catalogue=catalogue, calendar=calendar,
    )  # fmt: skip
    await center.open_case(command, d.context)


async def policy_published(center: ServiceCenter, e: PolicyPublished, d: Delivery) -> None:
    command = RecordPolicyPublished(
        policy_id=e.policy_id, version=e.version, kind=e.kind, title=e.title,
        effective_from=e.effective_from, terms=e.terms, published_at=e.published_at,
    )  # fmt: skip
    await center.policies.handle(e.policy_id, command, d.context)
    if e.kind == "procedure_catalogue":
        center.catalogue_recorded.set()  # the scheduler opens waiting cases, each in its own write


async def policy_superseded(center: ServiceCenter, e: PolicySuperseded, d: Delivery) -> None:
    command = RecordPolicySuperseded(
        policy_id=e.policy_id, version=e.version, superseded_by=e.superseded_by,
        effective_until=e.effective_until,
    )  # fmt: skip
    await center.policies.handle(e.policy_id, command, d.context)


async def policy_revoked(center: ServiceCenter, e: PolicyRevoked, d: Delivery) -> None:
    command = RecordPolicyRevoked(
        policy_id=e.policy_id, version=e.version, revoked_on=e.revoked_on, reason=e.reason
    )
    await center.policies.handle(e.policy_id, command, d.context)


async def regulation_published(center: ServiceCenter, e: RegulationPublished, d: Delivery) -> None:
    command = RecordRegulationPublished(
        regulation_id=e.regulation_id, version=e.version, kind=e.kind, effective_from=e.effective_from,
        articles=tuple(a.number for a in e.articles),
    )  # fmt: skip
    await center.regulations.handle(e.regulation_id, command, d.context)


async def regulation_repealed(center: ServiceCenter, e: RegulationRepealed, d: Delivery) -> None:
    command = RecordRegulationRepealed(regulation_id=e.regulation_id, repealed_on=e.repealed_on)
    await center.regulations.handle(e.regulation_id, command, d.context)


async def project_decided(center: ServiceCenter, e: ProjectApproved | ProjectRejected, d: Delivery) -> None:
    approved = isinstance(e, ProjectApproved)
    calendar = await center.calendar(e.decided_on)
    command = RecordApprovalDecision(
        approved=approved, approval_id=e.approval_id, on=e.decided_on, calendar=calendar,
        allocated_parcel_id=e.allocated_parcel_id if isinstance(e, ProjectApproved) else None,
        reason=e.reason if isinstance(e, ProjectRejected) else None,
    )  # fmt: skip
    await center.cases.handle(e.case_id, command, d.context)


async def case_opened(center: ServiceCenter, e: CaseOpened, d: Delivery) -> None:
    await raise_invoice(
        center, case_id=e.case_id, phase="before_production", industry=e.industry,
        park_id=e.park_id, raised_on=e.opened_on, context=d.context,
    )  # fmt: skip


async def commissioned(center: ServiceCenter, e: EnterpriseCommissioned, d: Delivery) -> None:
    case, _ = await center.cases.load(e.case_id)
    await raise_invoice(
        center, case_id=e.case_id, phase="after_production", industry=case.industry,
        park_id=case.park_id, raised_on=e.commissioned_on, context=d.context,
    )  # fmt: skip


def reactions(center: ServiceCenter) -> dict[str, Reaction]:
    """investment's and headquarters' events this service acts on."""
    return {
        type_name("investment", "LeadSigned", 1): on(LeadSigned, partial(lead_signed, center)),
        type_name("headquarters", "PolicyPublished", 1): on(
            PolicyPublished, partial(policy_published, center)
        ),
        type_name("headquarters", "PolicySuperseded", 1): on(
            PolicySuperseded, partial(policy_superseded, center)
        ),
        type_name("headquarters", "PolicyRevoked", 1): on(PolicyRevoked, partial(policy_revoked, center)),
        type_name("headquarters", "ProjectApproved", 1): on(
            ProjectApproved, partial(project_decided, center)
        ),
        type_name("headquarters", "ProjectRejected", 1): on(
            ProjectRejected, partial(project_decided, center)
        ),
        type_name("headquarters", "RegulationPublished", 1): on(
            RegulationPublished, partial(regulation_published, center)
        ),
        type_name("headquarters", "RegulationRepealed", 1): on(
            RegulationRepealed, partial(regulation_repealed, center)
        ),
    }


def billing_reactions(center: ServiceCenter) -> dict[str, Reaction]:
    """Our own CaseOpened and EnterpriseCommissioned, read back from our topic, raise the
    invoices: each in its own write, never a second write in the same request."""
    return {
        type_name(SERVICE, "CaseOpened", 1): on(CaseOpened, partial(case_opened, center)),
        type_name(SERVICE, "EnterpriseCommissioned", 1): on(
            EnterpriseCommissioned, partial(commissioned, center)
        ),
    }
