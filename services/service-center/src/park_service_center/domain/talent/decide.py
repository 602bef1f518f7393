"""The talent application's rules: `decide(command, state) -> events`. Pure; refusals raise."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from park_shared.errors import Conflict, Invalid, NotFound

from park_service_center.domain.talent.commands import (
    ApplyForSubsidy,
    ApproveApplication,
    FlagApplicationOverdue,
    PayInstalment,
    RejectApplication,
    TalentCommand,
)
from park_service_center.domain.talent.events import (
    ApplicationApproved,
    ApplicationRejected,
    InstalmentPaid,
    SubsidyApplied,
    TalentDecisionOverdue,
    TalentEvent,
)
from park_service_center.domain.talent.state import TalentState
from park_service_center.domain.talent.terms import instalments, months_after

__all__ = ["MAX_MONTHS_AFTER_HIRING", "decide"]

MAX_MONTHS_AFTER_HIRING = 12
"""An application comes within a year of the person's hiring."""


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
        raise Conflict(f"application {s.application_id} was {s.status} already", application_status=s.status)
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
