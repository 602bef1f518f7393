"""What an enterprise, the service-center's officers and cashiers, and the scheduler ask of a
talent application. Days come in on the command."""

from __future__ import annotations

from datetime import date

from park_shared.command import Command
from pydantic import Field

from park_service_center.domain.talent.terms import TalentCategoryTerms

__all__ = [
    "ApplyForSubsidy",
    "ApproveApplication",
    "FlagApplicationOverdue",
    "PayInstalment",
    "RejectApplication",
    "TalentCommand",
]


class ApplyForSubsidy(Command):
    application_id: str
    person_key: str
    """The person's pseudonym (keyed hash of the identity number); the data itself is sealed."""
    category: str
    enterprise_id: str
    park_id: str
    hired_on: date
    applied_on: date
    terms: TalentCategoryTerms | None
    """The category in the policy in force on `applied_on`; None when it has none."""
    deadline: date
    """The promised decision day, counted on the zone calendar by the application."""


class ApproveApplication(Command):
    application_id: str
    decided_on: date


class RejectApplication(Command):
    application_id: str
    reason: str = Field(min_length=1)
    decided_on: date


class PayInstalment(Command):
    application_id: str
    number: int = Field(ge=1)
    paid_on: date


class FlagApplicationOverdue(Command):
    """The scheduler: the application is still undecided after its promised day."""

    application_id: str
    on: date


TalentCommand = (
    ApplyForSubsidy | ApproveApplication | RejectApplication | PayInstalment | FlagApplicationOverdue
)
