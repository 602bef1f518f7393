"""What the zone's land office (and industrial-co's payments, by event) ask of a case. Dates
come in on the command."""

from __future__ import annotations

from datetime import date

from park_shared.command import Command
from pydantic import Field

from park_headquarters.domain.land_requisition.values import (
    Collective,
    CompensationStandard,
    LandClass,
    Mu,
    Yuan,
)

__all__ = [
    "CloseIssue",
    "NoteResettlement",
    "OpenRequisition",
    "RaiseIssue",
    "RecordCompensationPaid",
    "RequisitionCommand",
    "SignAgreement",
]


class OpenRequisition(Command):
    case_id: str
    parcel_ids: tuple[str, ...] = Field(min_length=1)
    collectives: tuple[Collective, ...] = Field(min_length=1)
    opened_on: date
    time_limits: dict[str, int] | None = None
    """Working days promised per stage (domain.requisition_stages), as the zone sets them today."""


class SignAgreement(Command):
    case_id: str
    collective_id: str
    parcel_ids: tuple[str, ...] = Field(min_length=1)
    areas: dict[LandClass, Mu] = Field(min_length=1)
    amount: Yuan = Field(gt=0)
    standard: CompensationStandard
    """The standard in force on `signed_on` (the application looks it up as of that day)."""
    signed_on: date
    today: date
    """An agreement is recorded once signed: `signed_on` is not after today."""


class RecordCompensationPaid(Command):
    """Industrial-co paid a collective's compensation from its allocated funds (by event)."""

    case_id: str
    collective_id: str
    amount: Yuan = Field(gt=0)
    payment_id: str
    paid_on: date


class NoteResettlement(Command):
    case_id: str
    collective_id: str
    households_resettled: int = Field(ge=0, le=1_000_000)
    note: str = ""
    noted_on: date


class RaiseIssue(Command):
    case_id: str
    issue_id: str
    description: str = Field(min_length=1)
    raised_on: date


class CloseIssue(Command):
    case_id: str
    issue_id: str
    resolution: str = Field(min_length=1)
    closed_on: date


RequisitionCommand = (
    OpenRequisition | SignAgreement | RecordCompensationPaid | NoteResettlement | RaiseIssue | CloseIssue
)
