"""Service-center's event contract: what leaves on park.service-center.events (docs/events.md),
what stays in our store, and how we read investment's and headquarters' events. Built into the
registry by the bootstrap, and read by the contract gate."""

from __future__ import annotations

from park_shared.contract import Contract, Reading, events_of
from park_shared.revocation import TokenRevokedReading

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
    Reading("investment", readings.LeadSigned),
    Reading("headquarters", readings.PolicyPublished),
    Reading("headquarters", readings.PolicySuperseded),
    Reading("headquarters", readings.PolicyRevoked),
    Reading("headquarters", readings.ProjectApproved),
    Reading("headquarters", readings.ProjectRejected),
    Reading("headquarters", readings.RegulationPublished),
    Reading("headquarters", readings.RegulationRepealed),
    # headquarters' revocations of department tokens: refused by our auth
    Reading("headquarters", TokenRevokedReading, "TokenRevoked"),
)


def contract() -> Contract:
    keeps = events_of(
        case_events.CaseEvent,
        invoice.InvoiceEvent,
        policy.PolicyEvent,
        ticket.TicketEvent,
        vacancy.VacancyEvent,
        talent.TalentEvent,
        talent_person.PersonEvent,
        regulation.RegulationEvent,
        without=PUBLISHES,
    )
    return Contract(SERVICE, publishes=PUBLISHES, keeps=keeps, reads=READS)
