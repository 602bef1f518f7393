"""A case as its events leave it: its collectives' agreements and payments, its issues."""

from __future__ import annotations

from datetime import date

from park_shared.errors import Invalid
from pydantic import BaseModel, ConfigDict, Field

from park_headquarters.domain.land_requisition.events import (
    AgreementSigned,
    CompensationPaid,
    IssueClosed,
    IssueRaised,
    RequisitionCompleted,
    RequisitionEvent,
    RequisitionOpened,
    ResettlementNoted,
)
from park_headquarters.domain.land_requisition.values import Collective, Yuan

__all__ = ["Agreement", "RequisitionState", "evolve"]


class Agreement(BaseModel):
    model_config = ConfigDict(frozen=True)

    amount: Yuan
    signed_on: date
    paid_on: date | None = None
    payment_id: str | None = None


class RequisitionState(BaseModel):
    model_config = ConfigDict(frozen=True)

    case_id: str = ""
    parcel_ids: tuple[str, ...] = ()
    collectives: tuple[Collective, ...] = ()
    agreements: dict[str, Agreement] = Field(default_factory=dict)
    open_issues: frozenset[str] = frozenset()
    closed_issues: frozenset[str] = frozenset()
    completed_on: date | None = None

    @property
    def exists(self) -> bool:
        return bool(self.case_id)

    def collective(self, collective_id: str, field: str = "collective_id") -> Collective:
        found = next((c for c in self.collectives if c.collective_id == collective_id), None)
        if found is None:
            raise Invalid(f"collective {collective_id} is not part of case {self.case_id}", field=field)
        return found

    @property
    def settled(self) -> bool:
        """Every collective signed and paid, and no policy-handling issue open."""
        return (
            all(
                (a := self.agreements.get(c.collective_id)) is not None and a.paid_on is not None
                for c in self.collectives
            )
            and not self.open_issues
        )


def evolve(state: RequisitionState, event: RequisitionEvent) -> RequisitionState:
    match event:
        case RequisitionOpened():
            return RequisitionState(
                case_id=event.case_id, parcel_ids=event.parcel_ids, collectives=event.collectives
            )
        case AgreementSigned():
            agreement = Agreement(amount=event.amount, signed_on=event.signed_on)
            return state.model_copy(
                update={"agreements": {**state.agreements, event.collective_id: agreement}}
            )
        case CompensationPaid():
            signed = state.agreements[event.collective_id]
            paid = signed.model_copy(update={"paid_on": event.paid_on, "payment_id": event.payment_id})
            return state.model_copy(update={"agreements": {**state.agreements, event.collective_id: paid}})
        case ResettlementNoted():
            return state
        case IssueRaised():
            return state.model_copy(update={"open_issues": state.open_issues | {event.issue_id}})
        case IssueClosed():
            return state.model_copy(
                update={
                    "open_issues": state.open_issues - {event.issue_id},
                    "closed_issues": state.closed_issues | {event.issue_id},
                }
            )
        case RequisitionCompleted():
            return state.model_copy(update={"completed_on": event.completed_on})
