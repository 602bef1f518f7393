"""A case's detailed rules once it is open: agreements at no less than the standard, their
payments, resettlement, policy-handling issues, and the completion they lead to. Pure."""

from __future__ import annotations

from datetime import date

from park_shared.errors import Conflict, Invalid, NotFound

from park_headquarters.domain.land_requisition.commands import (
    CloseIssue,
    NoteResettlement,
    RaiseIssue,
    RecordCompensationPaid,
    SignAgreement,
)
from park_headquarters.domain.land_requisition.events import (
    AgreementSigned,
    CompensationPaid,
    IssueClosed,
    IssueRaised,
    RequisitionCompleted,
    RequisitionEvent,
    ResettlementNoted,
)
from park_headquarters.domain.land_requisition.state import RequisitionState, evolve

__all__ = ["close", "paid", "raise_issue", "resettle", "sign"]


def sign(c: SignAgreement, s: RequisitionState) -> list[RequisitionEvent]:
    _still_open(s)
    collective = s.collective(c.collective_id)
    if c.collective_id in s.agreements:
        raise Conflict(
            f"collective {c.collective_id} signed its agreement on {s.agreements[c.collective_id].signed_on}",
            collective_id=c.collective_id,
        )
    outside = sorted(set(c.parcel_ids) - set(collective.parcel_ids))
    if outside:
        raise Invalid(
            f"parcel {outside[0]} is not a parcel of collective {c.collective_id} in case {s.case_id}",
            field="parcel_ids",
        )
    if c.signed_on > c.today:
        raise Invalid(
            f"an agreement signed on {c.signed_on} is recorded once signed ({c.today})", field="signed_on"
        )
    if any(mu <= 0 for mu in c.areas.values()):
        raise Invalid("every area is more than 0 mu", field="areas")
    minimum = c.standard.minimum(c.areas)
    if c.amount < minimum:
        raise Invalid(
            f"{c.amount} yuan is below the compensation standard in force on {c.signed_on} "
            f"({c.standard.policy_id} version {c.standard.version}: {minimum} yuan for these areas)",
            field="amount",
            minimum=str(minimum),
        )
    return [
        AgreementSigned(
            case_id=s.case_id,
            collective_id=c.collective_id,
            parcel_ids=c.parcel_ids,
            areas=c.areas,
            amount=c.amount,
            minimum=minimum,
            standard_policy_id=c.standard.policy_id,
            standard_version=c.standard.version,
            signed_on=c.signed_on,
        )
    ]


def paid(c: RecordCompensationPaid, s: RequisitionState) -> list[RequisitionEvent]:
    s.collective(c.collective_id)
    agreement = s.agreements.get(c.collective_id)
    if agreement is None:
        raise Conflict(
            f"collective {c.collective_id} has no signed agreement to pay", collective_id=c.collective_id
        )
    if agreement.paid_on is not None:
        if agreement.payment_id == c.payment_id:
            return []  # the same payment told twice: already recorded
        raise Conflict(
            f"collective {c.collective_id} was paid on {agreement.paid_on} (payment {agreement.payment_id})",
            payment_id=agreement.payment_id,
        )
    if c.amount != agreement.amount:
        raise Invalid(f"the agreement is for {agreement.amount} yuan, not {c.amount}", field="amount")
    paid = CompensationPaid(
        case_id=s.case_id,
        collective_id=c.collective_id,
        amount=c.amount,
        payment_id=c.payment_id,
        paid_on=c.paid_on,
    )
    return [paid, *_completion(s, paid, c.paid_on)]


def _completion(s: RequisitionState, event: RequisitionEvent, on: date) -> list[RequisitionEvent]:
    after = evolve(s, event)
    if after.settled and after.completed_on is None:
        return [RequisitionCompleted(case_id=s.case_id, parcel_ids=s.parcel_ids, completed_on=on)]
    return []


def resettle(c: NoteResettlement, s: RequisitionState) -> list[RequisitionEvent]:
    _existing(s)
    collective = s.collective(c.collective_id)
    if c.households_resettled > collective.households:
        raise Invalid(
            f"collective {c.collective_id} has {collective.households} households, "
            f"not {c.households_resettled}",
            field="households_resettled",
        )
    return [
        ResettlementNoted(
            case_id=s.case_id,
            collective_id=c.collective_id,
            households_resettled=c.households_resettled,
            note=c.note,
            noted_on=c.noted_on,
        )
    ]


def raise_issue(c: RaiseIssue, s: RequisitionState) -> list[RequisitionEvent]:
    _still_open(s)
    if c.issue_id in s.open_issues or c.issue_id in s.closed_issues:
        raise Conflict(f"issue {c.issue_id} exists already in case {s.case_id}", issue_id=c.issue_id)
    return [
        IssueRaised(case_id=s.case_id, issue_id=c.issue_id, description=c.description, raised_on=c.raised_on)
    ]


def close(c: CloseIssue, s: RequisitionState) -> list[RequisitionEvent]:
    _existing(s)
    if c.issue_id in s.closed_issues:
        raise Conflict(f"issue {c.issue_id} is closed already", issue_id=c.issue_id)
    if c.issue_id not in s.open_issues:
        raise NotFound(f"case {s.case_id} has no issue {c.issue_id}", issue_id=c.issue_id)
    closed = IssueClosed(
        case_id=s.case_id, issue_id=c.issue_id, resolution=c.resolution, closed_on=c.closed_on
    )
    return [closed, *_completion(s, closed, c.closed_on)]


def _existing(s: RequisitionState) -> None:
    if not s.exists:
        raise NotFound("there is no such requisition case")


def _still_open(s: RequisitionState) -> None:
    _existing(s)
    if s.completed_on is not None:
        raise Conflict(
            f"requisition case {s.case_id} was completed on {s.completed_on}",
            completed_on=s.completed_on.isoformat(),
        )
