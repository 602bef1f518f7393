"""Land compensation (征地补偿): what industrial-co owes the village collectives of a land
requisition case at headquarters, and pays from the funds the treasury earmarked for the case.

One stream per case (`compensation-<case>`). Each agreement headquarters signed (its
AgreementSigned, read by event) becomes a payable of its amount; a payable is paid once, in
full, and never beyond the funds earmarked for the case less what the case has paid already.
The earmarked total comes in on the command: it only ever grows, so a reading a moment old can
refuse too much but never allow too much; the payments themselves are serialized by this one
stream's expected version."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

from park_industrial_co.domain.money import ZERO

__all__ = [
    "CompensationCommand",
    "CompensationEvent",
    "CompensationPayable",
    "CompensationState",
    "LandCompensationPaid",
    "PayCompensation",
    "Payable",
    "RecordAgreement",
    "decider",
    "stream_of",
]


def stream_of(case_id: str) -> str:
    return f"compensation-{case_id}"


class RecordAgreement(Command):
    """Headquarters signed a collective's agreement (its AgreementSigned, by event)."""

    case_id: str
    collective_id: str
    amount: Decimal
    signed_on: date


class PayCompensation(Command):
    case_id: str
    collective_id: str
    payment_id: str
    earmarked: Decimal
    """The funds the treasury earmarked for the case, in all."""
    on: date


CompensationCommand = RecordAgreement | PayCompensation


class CompensationPayable(Event):
    case_id: str
    collective_id: str
    amount: Decimal
    signed_on: date


class LandCompensationPaid(Event):
    """A collective's compensation paid in full from the funds earmarked for its case."""

    payment_id: str
    case_id: str
    collective_id: str
    amount: Decimal
    paid_on: date


CompensationEvent = CompensationPayable | LandCompensationPaid


class Payable(BaseModel):
    model_config = ConfigDict(frozen=True)

    amount: Decimal
    signed_on: date
    payment_id: str | None = None
    paid_on: date | None = None


class CompensationState(BaseModel):
    model_config = ConfigDict(frozen=True)

    case_id: str = ""
    payables: dict[str, Payable] = {}

    @property
    def paid_total(self) -> Decimal:
        return sum((p.amount for p in self.payables.values() if p.paid_on is not None), ZERO)


def _record(c: RecordAgreement, s: CompensationState) -> list[CompensationEvent]:
    known = s.payables.get(c.collective_id)
    if known is not None:
        if known.amount == c.amount:
            return []  # the same agreement told twice
        raise Conflict(
            f"collective {c.collective_id} of case {c.case_id} has an agreement of {known.amount} already",
            collective_id=c.collective_id,
        )
    return [
        CompensationPayable(
            case_id=c.case_id, collective_id=c.collective_id, amount=c.amount, signed_on=c.signed_on
        )
    ]


def _pay(c: PayCompensation, s: CompensationState) -> list[CompensationEvent]:
    payable = s.payables.get(c.collective_id)
    if payable is None:
        raise NotFound(
            f"case {c.case_id} has no signed agreement of collective {c.collective_id} to pay",
            collective_id=c.collective_id,
        )
    if payable.paid_on is not None:
        raise Conflict(
            f"collective {c.collective_id} was paid on {payable.paid_on} (payment {payable.payment_id})",
            payment_id=payable.payment_id,
        )
    left = c.earmarked - s.paid_total
    if payable.amount > left:
        raise Conflict(
            f"the agreement is for {payable.amount}; only {left} of the {c.earmarked} earmarked "
            f"for case {c.case_id} is left",
            left=str(left),
        )
    return [
        LandCompensationPaid(
            payment_id=c.payment_id,
            case_id=c.case_id,
            collective_id=c.collective_id,
            amount=payable.amount,
            paid_on=c.on,
        )
    ]


def decide(command: CompensationCommand, state: CompensationState) -> Sequence[CompensationEvent]:
    match command:
        case RecordAgreement():
            return _record(command, state)
        case PayCompensation():
            return _pay(command, state)


def evolve(state: CompensationState, event: CompensationEvent) -> CompensationState:
    match event:
        case CompensationPayable():
            payable = Payable(amount=event.amount, signed_on=event.signed_on)
            return CompensationState(
                case_id=event.case_id, payables={**state.payables, event.collective_id: payable}
            )
        case LandCompensationPaid():
            paid = state.payables[event.collective_id].model_copy(
                update={"payment_id": event.payment_id, "paid_on": event.paid_on}
            )
            return state.model_copy(update={"payables": {**state.payables, event.collective_id: paid}})


decider: Decider[CompensationCommand, CompensationState, CompensationEvent] = Decider(
    CompensationState(), decide, evolve
)
