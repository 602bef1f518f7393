"""The treasury aggregate (one stream): allocations of raised capital to projects, and funds
earmarked for the compensation of a land requisition case (征地补偿) at headquarters.

Only the capital of closed offerings can be allocated (money of an open offering may still be
refunded), never more in all than was raised, and never more to a project than its budget.
The raised capital and the budget come in on the command: both only ever grow or stay, so a
stale reading can only refuse too much, never allow too much; the allocations themselves are
serialized by this one stream's expected version."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

from park_industrial_co.domain.money import ZERO

__all__ = [
    "STREAM",
    "AllocateFunds",
    "EarmarkForRequisition",
    "FundsAllocated",
    "FundsEarmarked",
    "TreasuryCommand",
    "TreasuryEvent",
    "TreasuryState",
    "decider",
]

STREAM = "treasury"


class AllocateFunds(Command):
    allocation_id: str
    project_id: str
    amount: Decimal
    capital_raised: Decimal
    """The raised amounts of every closed offering, in all."""
    project_budget: Decimal
    on: date


class EarmarkForRequisition(Command):
    """Raised capital set aside to pay the collectives of a requisition case."""

    earmark_id: str
    case_id: str
    amount: Decimal
    capital_raised: Decimal
    on: date


TreasuryCommand = AllocateFunds | EarmarkForRequisition


class FundsAllocated(Event):
    allocation_id: str
    project_id: str
    amount: Decimal
    allocated_on: date


class FundsEarmarked(Event):
    earmark_id: str
    case_id: str
    amount: Decimal
    earmarked_on: date


TreasuryEvent = FundsAllocated | FundsEarmarked


class TreasuryState(BaseModel):
    model_config = ConfigDict(frozen=True)

    allocated_total: Decimal = ZERO
    """Allocated to projects and earmarked for requisitions: what of the raised capital is spoken for."""
    by_project: dict[str, Decimal] = {}
    by_case: dict[str, Decimal] = {}

    def allocated_to(self, project_id: str) -> Decimal:
        return self.by_project.get(project_id, ZERO)

    def earmarked_for(self, case_id: str) -> Decimal:
        return self.by_case.get(case_id, ZERO)


def _unallocated(state: TreasuryState, amount: Decimal, capital_raised: Decimal) -> None:
    if state.allocated_total + amount > capital_raised:
        free = capital_raised - state.allocated_total
        raise Conflict(
            f"only {free} of the {capital_raised} raised capital is unallocated", unallocated=str(free)
        )


def _earmark(c: EarmarkForRequisition, state: TreasuryState) -> Sequence[TreasuryEvent]:
    if c.amount <= 0:
        raise Invalid("an earmark must be above zero", field="amount")
    _unallocated(state, c.amount, c.capital_raised)
    return [FundsEarmarked(earmark_id=c.earmark_id, case_id=c.case_id, amount=c.amount, earmarked_on=c.on)]


def decide(c: TreasuryCommand, state: TreasuryState) -> Sequence[TreasuryEvent]:
    if isinstance(c, EarmarkForRequisition):
        return _earmark(c, state)
    if c.amount <= 0:
        raise Invalid("an allocation must be above zero", field="amount")
    project_after = state.allocated_to(c.project_id) + c.amount
    if project_after > c.project_budget:
        left = c.project_budget - state.allocated_to(c.project_id)
        raise Conflict(
            f"beyond the project's budget {c.project_budget}: at most {left} more can be allocated"
        )
    _unallocated(state, c.amount, c.capital_raised)
    return [
        FundsAllocated(
            allocation_id=c.allocation_id, project_id=c.project_id, amount=c.amount, allocated_on=c.on
        )
    ]


def evolve(state: TreasuryState, event: TreasuryEvent) -> TreasuryState:
    total = state.allocated_total + event.amount
    if isinstance(event, FundsEarmarked):
        by_case = {**state.by_case, event.case_id: state.earmarked_for(event.case_id) + event.amount}
        return state.model_copy(update={"allocated_total": total, "by_case": by_case})
    by_project = {**state.by_project, event.project_id: state.allocated_to(event.project_id) + event.amount}
    return state.model_copy(update={"allocated_total": total, "by_project": by_project})


decider: Decider[TreasuryCommand, TreasuryState, TreasuryEvent] = Decider(TreasuryState(), decide, evolve)
