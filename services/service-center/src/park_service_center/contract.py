"""Service-center's event contract: what leaves on park.service-center.events (docs/events.md),
what stays in our store, and how we read investment's and headquarters' events. Built into the
registry by the bootstrap, and read by the contract gate."""

from __future__ import annotations

from park_shared.contract import Contract, reads_from
from park_shared.revocation import TOKEN_REVOKED_READING

from park_service_center import readings
from park_service_center.domain import (
    case_events,
    invoice,
    policy,
    regulation,
    talent,
    talent_person,
    ticket,
    vacancy,
)
from park_service_center.events import SERVICE

__all__ = ["PUBLISHES", "READS", "contract"]

PUBLISHES = (
    case_events.CaseOpened,
    case_events.ApprovalRequested,
    case_events.StepAccepted,
    case_events.StepApproved,
    case_events.StepReturned,
    case_events.StepRejected,
    case_events.StepOverdue,
    case_events.CaseSealed,
    case_events.EnterpriseCommissioned,
    invoice.InvoiceRaised,
    invoice.PaymentReceived,
    vacancy.VacancyPosted,
    vacancy.VacancyFilled,
    vacancy.VacancyClosed,
    talent.SubsidyApplied,
    talent.ApplicationApproved,
    talent.ApplicationRejected,
    talent.InstalmentPaid,
    talent.TalentDecisionOverdue,
)

READS = (
    *reads_from("investment", readings.LeadSigned),
    *reads_from(
        "headquarters",
        readings.PolicyPublished,
        readings.PolicySuperseded,
        readings.PolicyRevoked,
        readings.ProjectApproved,
        readings.ProjectRejected,
        readings.RegulationPublished,
        readings.RegulationRepealed,
    ),
    TOKEN_REVOKED_READING,  # headquarters' revocations of department tokens: refused by our auth
)


def contract() -> Contract:
    events = (
        case_events.CaseEvent,
        invoice.InvoiceEvent,
        policy.PolicyEvent,
        ticket.TicketEvent,
        vacancy.VacancyEvent,
        talent.TalentEvent,
        talent_person.PersonEvent,
        regulation.RegulationEvent,
    )
    return Contract.of(SERVICE, publishes=PUBLISHES, events=events, reads=READS)
