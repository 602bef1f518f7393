"""Service-center's event contract: the integration events it publishes (docs/events.md), the
events it keeps in its own store (the outbox relay skips them), and its readings of the other
services' events. The bootstrap builds the registry from it; so does the contract gate."""

from __future__ import annotations

from park_shared.contract import Contract, Reading, events_of
from park_shared.revocation import TokenRevokedReading

from park_service_center.domain.case_events import (
    ApprovalRequested,
    CaseEvent,
    CaseOpened,
    CaseSealed,
    EnterpriseCommissioned,
    StepAccepted,
    StepApproved,
    StepOverdue,
    StepRejected,
    StepReturned,
)
from park_service_center.domain.invoice import InvoiceEvent, InvoiceRaised, PaymentReceived
from park_service_center.domain.policy import PolicyEvent
from park_service_center.domain.ticket import TicketEvent
from park_service_center.events import SERVICE
from park_service_center.readings import (
    LeadSigned,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
    ProjectApproved,
    ProjectRejected,
)

__all__ = ["PUBLISHES", "READS", "contract"]

PUBLISHES = (
    CaseOpened,
    ApprovalRequested,
    StepAccepted,
    StepApproved,
    StepReturned,
    StepRejected,
    StepOverdue,
    CaseSealed,
    EnterpriseCommissioned,
    InvoiceRaised,
    PaymentReceived,
)

READS = (
    Reading("investment", LeadSigned),
    Reading("headquarters", PolicyPublished),
    Reading("headquarters", PolicySuperseded),
    Reading("headquarters", PolicyRevoked),
    Reading("headquarters", ProjectApproved),
    Reading("headquarters", ProjectRejected),
    # headquarters' revocations of department tokens (park_shared.revocation): refused by our auth
    Reading("headquarters", TokenRevokedReading, "TokenRevoked"),
)


def contract() -> Contract:
    stored = events_of(CaseEvent, InvoiceEvent, PolicyEvent, TicketEvent)
    return Contract(
        SERVICE,
        publishes=PUBLISHES,
        keeps=[event for event in stored if event not in PUBLISHES],
        reads=READS,
    )
