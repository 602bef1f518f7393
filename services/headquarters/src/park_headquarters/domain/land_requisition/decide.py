"""A case's rules: `decide(command, state) -> events`; opening here, the rest in `rules`.
Pure; refusals raise."""

from __future__ import annotations

from collections.abc import Sequence

from park_shared.errors import Conflict, Invalid

from park_headquarters.domain.land_requisition import rules
from park_headquarters.domain.land_requisition.commands import (
    CloseIssue,
    NoteResettlement,
    OpenRequisition,
    RaiseIssue,
    RecordCompensationPaid,
    RequisitionCommand,
    SignAgreement,
)
from park_headquarters.domain.land_requisition.events import RequisitionEvent, RequisitionOpened
from park_headquarters.domain.land_requisition.state import RequisitionState

__all__ = ["decide"]


def _open(c: OpenRequisition, s: RequisitionState) -> list[RequisitionEvent]:
    if s.exists:
        raise Conflict(f"requisition case {c.case_id} exists already", case_id=c.case_id)
    if len(set(c.parcel_ids)) != len(c.parcel_ids):
        raise Invalid("a parcel is named twice", field="parcel_ids")
    ids = [k.collective_id for k in c.collectives]
    if len(set(ids)) != len(ids):
        raise Invalid("a collective is named twice", field="collectives")
    for i, collective in enumerate(c.collectives):
        outside = sorted(set(collective.parcel_ids) - set(c.parcel_ids))
        if outside:
            raise Invalid(
                f"collective {collective.collective_id} holds parcel {outside[0]}, which is not in the case",
                field=f"collectives[{i}].parcel_ids",
            )
    return [
        RequisitionOpened(
            case_id=c.case_id,
            parcel_ids=c.parcel_ids,
            collectives=c.collectives,
            opened_on=c.opened_on,
            time_limits=c.time_limits,
        )
    ]


def decide(command: RequisitionCommand, state: RequisitionState) -> Sequence[RequisitionEvent]:
    match command:
        case OpenRequisition():
            return _open(command, state)
        case SignAgreement():
            return rules.sign(command, state)
        case RecordCompensationPaid():
            return rules.paid(command, state)
        case NoteResettlement():
            return rules.resettle(command, state)
        case RaiseIssue():
            return rules.raise_issue(command, state)
        case CloseIssue():
            return rules.close(command, state)
