"""Our reading of the other services' events we react to (docs/events.md): only the fields
headquarters uses; anything else they carry is ignored. `contract.py` names them (READS)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from park_shared.events import ForeignEvent

from park_headquarters.domain.offering import ClosedOffering
from park_headquarters.domain.values import Unit

__all__ = [
    "ApprovalRequested",
    "InfrastructureCompleted",
    "LandCompensationPaid",
    "OfferingClosed",
    "StepOverdue",
    "TalentDecisionOverdue",
]


class ApprovalRequested(ForeignEvent):
    case_id: str
    step_code: str
    enterprise_name: str
    credit_code: str
    project: str
    planned_investment: Decimal
    park_id: str
    requested_parcel_id: str | None = None
    requested_on: date
    working_days: int
    deadline: date | None = None
    """The deadline service-center promised (absent in requests stored before it was carried)."""
    deadline_provisional: bool = False


class StepOverdue(ForeignEvent):
    case_id: str
    step_code: str
    step_name: str
    deadline: date
    enterprise_name: str
    decided_by: Unit = "service-center"
    """The unit that decides the step, and so the one that was late."""


class TalentDecisionOverdue(ForeignEvent):
    """Service-center decided a talent subsidy application after its promised day."""

    application_id: str
    category: str
    enterprise_id: str
    deadline: date


class InfrastructureCompleted(ForeignEvent):
    project_id: str
    parcel_ids: list[str]
    completed_on: date


class OfferingClosed(ClosedOffering, ForeignEvent):
    pass  # headquarters reads exactly what it records of a closed offering


class LandCompensationPaid(ForeignEvent):
    """Industrial-co paid a collective of a requisition case its compensation in full."""

    payment_id: str
    case_id: str
    collective_id: str
    amount: Decimal
    paid_on: date
