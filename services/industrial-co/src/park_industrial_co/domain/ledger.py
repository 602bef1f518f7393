"""The double-entry ledger, derived from the money events (pure).

Accounts: `cash` (asset), `share-capital` (equity), `refunds-payable` (liability),
`project-allocations:<project>` (asset: cash earmarked for a project) and
`contractor-payments:<project>` (asset: works paid for), `requisition-funds:<case>` (asset:
cash earmarked for a land requisition case) and `land-compensation:<case>` (asset: the land's
compensation paid to its collectives). Each money event maps to one posting
whose debits equal its credits; refusals (beyond the contract, the allocation, the raised
capital) happen in the deciders before any event exists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from park_industrial_co.domain.land_compensation import LandCompensationPaid
from park_industrial_co.domain.money import ZERO
from park_industrial_co.domain.offering import (
    RefundPaid,
    SharesAllotted,
    SubscriptionCancelled,
    SubscriptionPaid,
)
from park_industrial_co.domain.project import ContractorPaid
from park_industrial_co.domain.treasury import FundsAllocated, FundsEarmarked

__all__ = [
    "CASH",
    "REFUNDS_PAYABLE",
    "SHARE_CAPITAL",
    "Line",
    "Posting",
    "allocations",
    "balances",
    "compensation",
    "kind_of",
    "posting_for",
    "requisition_funds",
    "works",
]

CASH = "cash"
SHARE_CAPITAL = "share-capital"
REFUNDS_PAYABLE = "refunds-payable"

AccountKind = Literal["asset", "liability", "equity"]


def allocations(project_id: str) -> str:
    return f"project-allocations:{project_id}"


def works(project_id: str) -> str:
    return f"contractor-payments:{project_id}"


def requisition_funds(case_id: str) -> str:
    return f"requisition-funds:{case_id}"


def compensation(case_id: str) -> str:
    return f"land-compensation:{case_id}"


def kind_of(account: str) -> AccountKind:
    if account == SHARE_CAPITAL:
        return "equity"
    if account == REFUNDS_PAYABLE:
        return "liability"
    return "asset"


@dataclass(frozen=True, slots=True)
class Line:
    account: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class Posting:
    description: str
    lines: tuple[Line, ...]
    project_id: str | None = None

    def __post_init__(self) -> None:
        if sum(x.debit for x in self.lines) != sum(x.credit for x in self.lines):
            raise ValueError(f"unbalanced posting: {self}")

    @classmethod
    def transfer(
        cls, debit: str, credit: str, amount: Decimal, description: str, project_id: str | None = None
    ) -> Posting:
        return cls(description, (Line(debit, debit=amount), Line(credit, credit=amount)), project_id)


def posting_for(event: BaseModel) -> Posting | None:
    """The posting a money event makes, or None for an event that moves no money."""
    match event:
        case SubscriptionPaid():
            return Posting.transfer(
                CASH, SHARE_CAPITAL, event.amount, f"subscription {event.subscription_id} paid"
            )
        case SharesAllotted() | SubscriptionCancelled() if event.refund_due > 0:
            what = f"refund due on subscription {event.subscription_id}"
            return Posting.transfer(SHARE_CAPITAL, REFUNDS_PAYABLE, event.refund_due, what)
        case RefundPaid():
            return Posting.transfer(
                REFUNDS_PAYABLE, CASH, event.amount, f"refund of subscription {event.subscription_id}"
            )
        case FundsAllocated():
            what = f"allocation {event.allocation_id} to project {event.project_id}"
            return Posting.transfer(allocations(event.project_id), CASH, event.amount, what, event.project_id)
        case ContractorPaid():
            what = f"payment {event.payment_id} to {event.contractor} for {event.milestone!r}"
            pid = event.project_id
            return Posting.transfer(works(pid), allocations(pid), event.amount, what, pid)
        case FundsEarmarked():
            what = f"earmark {event.earmark_id} for requisition case {event.case_id}"
            return Posting.transfer(requisition_funds(event.case_id), CASH, event.amount, what)
        case LandCompensationPaid():
            case_id = event.case_id
            what = f"compensation {event.payment_id} to collective {event.collective_id} of case {case_id}"
            return Posting.transfer(compensation(case_id), requisition_funds(case_id), event.amount, what)
    return None


def balances(postings: Iterable[Posting]) -> Mapping[str, Decimal]:
    """Each account's balance on its normal side (debit for assets, credit for the others)."""
    result: dict[str, Decimal] = {}
    for posting in postings:
        for line in posting.lines:
            sign = 1 if kind_of(line.account) == "asset" else -1
            result[line.account] = result.get(line.account, ZERO) + sign * (line.debit - line.credit)
    return result
