"""The integration events service-center publishes (docs/events.md); the rest stay in our store."""

from __future__ import annotations

from park_service_center.events import registry

__all__ = ["declare_public_events"]


def declare_public_events() -> None:
    """The integration events of docs/events.md; the rest stay in our store."""
    from park_service_center.domain.case_events import (
        ApprovalRequested,
        CaseOpened,
        CaseSealed,
        EnterpriseCommissioned,
        StepAccepted,
        StepApproved,
        StepOverdue,
        StepRejected,
        StepReturned,
    )
    from park_service_center.domain.invoice import InvoiceRaised, PaymentReceived

    registry.declare_public(
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


# on import: whoever loads our events (the app, the contract gate) sees the same public set
declare_public_events()
