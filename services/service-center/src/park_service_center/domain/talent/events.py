"""The talent application's events. No event carries a name or an identity number: the person
is the pseudonymous `person_key`."""

from __future__ import annotations

from datetime import date
from typing import Literal

from park_shared.events import Event

from park_service_center.domain.money import Money
from park_service_center.domain.talent.terms import Instalment, TalentCategoryTerms

__all__ = [
    "ApplicationApproved",
    "ApplicationRejected",
    "InstalmentPaid",
    "SubsidyApplied",
    "TalentDecisionOverdue",
    "TalentEvent",
]


class SubsidyApplied(Event):
    application_id: str
    person_key: str
    category: str
    enterprise_id: str
    park_id: str
    hired_on: date
    applied_on: date
    terms: TalentCategoryTerms
    deadline: date


class ApplicationApproved(Event):
    application_id: str
    category: str
    park_id: str
    decided_on: date
    within_promise: bool
    instalments: tuple[Instalment, ...]
    total: Money


class ApplicationRejected(Event):
    application_id: str
    category: str
    park_id: str
    reason: str
    decided_on: date
    within_promise: bool


class InstalmentPaid(Event):
    application_id: str
    category: str
    park_id: str
    number: int
    amount: Money
    kind: Literal["one_off", "housing"]
    paid_on: date


class TalentDecisionOverdue(Event):
    """The promise was broken: the application is undecided after its deadline (once per
    application; headquarters' supervision opens a case for it)."""

    application_id: str
    category: str
    park_id: str
    enterprise_id: str
    applied_on: date
    deadline: date
    flagged_on: date


TalentEvent = (
    SubsidyApplied | ApplicationApproved | ApplicationRejected | InstalmentPaid | TalentDecisionOverdue
)
