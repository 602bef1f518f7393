"""Talent introduction (人才引进): an enterprise applies for a subsidy for a person it hired; the
service-center decides within its promised time limit; an approved subsidy is granted by the
talent policy in force on the application's day and paid in instalments (a one-off subsidy, then
a housing allowance each month). One stream per person and category, so a person is subsidised
once per category. The person is a pseudonym here: names and identity numbers stay sealed."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict, Field

from park_service_center.domain.money import Money, NonNegativeMoney

__all__ = [
    "ApplicationApproved",
    "ApplicationRejected",
    "ApplyForSubsidy",
    "ApproveApplication",
    "FlagApplicationOverdue",
    "Instalment",
    "InstalmentPaid",
    "PayInstalment",
    "RejectApplication",
    "SubsidyApplied",
    "TalentCategoryTerms",
    "TalentCommand",
    "TalentDecisionOverdue",
    "TalentEvent",
    "TalentState",
    "decider",
    "instalments",
    "months_after",
    "stream_key",
]

MAX_MONTHS_AFTER_HIRING = 12
"""An application comes within a year of the person's hiring."""


def months_after(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan → 28 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stream_key(person_key: str, category: str) -> str:
    return f"{person_key}-{category}"


class TalentCategoryTerms(BaseModel):
    """One category of the talent policy version in force on the application's day."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    policy_id: str
    policy_version: int
    category: str
    one_off_subsidy: NonNegativeMoney
    housing_allowance_monthly: NonNegativeMoney
    housing_months: int = Field(ge=0, le=120)


class Instalment(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    due_on: date
    amount: Money
    kind: Literal["one_off", "housing"]


def instalments(terms: TalentCategoryTerms, approved_on: date) -> tuple[Instalment, ...]:
    """The one-off subsidy due on approval, then a housing allowance each month after."""
    plan: list[Instalment] = []
    if terms.one_off_subsidy > 0:
        plan.append(Instalment(number=1, due_on=approved_on, amount=terms.one_off_subsidy, kind="one_off"))
    if terms.housing_allowance_monthly > 0:
        for month in range(1, terms.housing_months + 1):
            due = months_after(approved_on, month)
            plan.append(
                Instalment(
                    number=len(plan) + 1, due_on=due, amount=terms.housing_allowance_monthly, kind="housing"
                )
            )
    return tuple(plan)


# -- commands ------------------------------------------------------------------------------
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


# -- events --------------------------------------------------------------------------------
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


# -- state ---------------------------------------------------------------------------------
class TalentState(BaseModel):
    """The person's applications in one category: the current one, and how many before it."""

    model_config = ConfigDict(frozen=True)

    application_id: str = ""
    status: Literal["none", "pending", "approved", "rejected"] = "none"
    category: str = ""
    park_id: str = ""
    enterprise_id: str = ""
    applied_on: date | None = None
    terms: TalentCategoryTerms | None = None
    deadline: date | None = None
    overdue: bool = False
    plan: tuple[Instalment, ...] = ()
    paid: int = 0


def _apply(c: ApplyForSubsidy, s: TalentState) -> list[TalentEvent]:
    if s.status == "pending":
        raise Conflict(
            f"application {s.application_id} for this person in {c.category} awaits its decision",
            application_id=s.application_id,
        )
    if s.status == "approved":
        raise Conflict(
            f"this person is subsidised in {c.category} already (application {s.application_id})",
            application_id=s.application_id,
        )
    if c.terms is None or c.terms.category != c.category:
        raise Invalid(
            f"the talent policy in force on {c.applied_on} has no category {c.category}", field="category"
        )
    if c.hired_on > c.applied_on:
        raise Invalid("the person is hired before the application", field="hired_on")
    if months_after(c.hired_on, MAX_MONTHS_AFTER_HIRING) < c.applied_on:
        raise Invalid(
            f"an application comes within {MAX_MONTHS_AFTER_HIRING} months of hiring", field="hired_on"
        )
    return [
        SubsidyApplied(
            application_id=c.application_id,
            person_key=c.person_key,
            category=c.category,
            enterprise_id=c.enterprise_id,
            park_id=c.park_id,
            hired_on=c.hired_on,
            applied_on=c.applied_on,
            terms=c.terms,
            deadline=c.deadline,
        )
    ]


def _current(s: TalentState, application_id: str) -> None:
    if s.status == "none" or s.application_id != application_id:
        raise NotFound(f"there is no application {application_id} here", application_id=application_id)


def _decide(c: ApproveApplication | RejectApplication, s: TalentState) -> list[TalentEvent]:
    _current(s, c.application_id)
    if s.status != "pending":
        raise Conflict(
            f"application {s.application_id} was {s.status} already", application_status=s.status
        )
    assert s.deadline is not None and s.terms is not None
    within = c.decided_on <= s.deadline
    if isinstance(c, RejectApplication):
        return [
            ApplicationRejected(
                application_id=s.application_id,
                category=s.category,
                park_id=s.park_id,
                reason=c.reason,
                decided_on=c.decided_on,
                within_promise=within,
            )
        ]
    plan = instalments(s.terms, c.decided_on)
    return [
        ApplicationApproved(
            application_id=s.application_id,
            category=s.category,
            park_id=s.park_id,
            decided_on=c.decided_on,
            within_promise=within,
            instalments=plan,
            total=sum((i.amount for i in plan), Decimal("0.00")),
        )
    ]


def _pay(c: PayInstalment, s: TalentState) -> list[TalentEvent]:
    _current(s, c.application_id)
    if s.status != "approved":
        raise Conflict(
            f"application {s.application_id} is {s.status}: nothing is paid", application_status=s.status
        )
    if c.number <= s.paid:
        raise Conflict(f"instalment {c.number} is paid already", number=c.number)
    if c.number > len(s.plan):
        raise Invalid(f"the subsidy has {len(s.plan)} instalments", field="number")
    if c.number != s.paid + 1:
        raise Conflict(f"instalment {s.paid + 1} comes first", number=s.paid + 1)
    due = s.plan[c.number - 1]
    if c.paid_on < due.due_on:
        raise Invalid(f"instalment {c.number} is due on {due.due_on}", field="paid_on")
    return [
        InstalmentPaid(
            application_id=s.application_id,
            category=s.category,
            park_id=s.park_id,
            number=c.number,
            amount=due.amount,
            kind=due.kind,
            paid_on=c.paid_on,
        )
    ]


def _flag(c: FlagApplicationOverdue, s: TalentState) -> list[TalentEvent]:
    _current(s, c.application_id)
    assert s.deadline is not None and s.applied_on is not None
    if s.status != "pending" or s.overdue or c.on <= s.deadline:
        return []
    return [
        TalentDecisionOverdue(
            application_id=s.application_id,
            category=s.category,
            park_id=s.park_id,
            enterprise_id=s.enterprise_id,
            applied_on=s.applied_on,
            deadline=s.deadline,
            flagged_on=c.on,
        )
    ]


def decide(command: TalentCommand, state: TalentState) -> Sequence[TalentEvent]:
    match command:
        case FlagApplicationOverdue():
            return _flag(command, state)
        case ApplyForSubsidy():
            return _apply(command, state)
        case ApproveApplication() | RejectApplication():
            return _decide(command, state)
        case PayInstalment():
            return _pay(command, state)


def evolve(state: TalentState, event: TalentEvent) -> TalentState:
    match event:
        case SubsidyApplied():
            return TalentState(
                application_id=event.application_id,
                status="pending",
                category=event.category,
                park_id=event.park_id,
                enterprise_id=event.enterprise_id,
                applied_on=event.applied_on,
                terms=event.terms,
                deadline=event.deadline,
            )
        case ApplicationApproved():
            return state.model_copy(update={"status": "approved", "plan": event.instalments})
        case ApplicationRejected():
            return state.model_copy(update={"status": "rejected"})
        case InstalmentPaid():
            return state.model_copy(update={"paid": event.number})
        case TalentDecisionOverdue():
            return state.model_copy(update={"overdue": True})


decider: Decider[TalentCommand, TalentState, TalentEvent] = Decider(
    initial_state=TalentState(), decide=decide, evolve=evolve
)
