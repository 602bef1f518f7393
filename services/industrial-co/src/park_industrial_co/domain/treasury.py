"""The treasury aggregate (one stream): allocations of raised capital to projects.

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

__all__ = ["STREAM", "AllocateFunds", "FundsAllocated", "TreasuryState", "decider"]

STREAM = "treasury"


class AllocateFunds(Command):
    allocation_id: str
    project_id: str
    amount: Decimal
    capital_raised: Decimal
    """The raised amounts of every closed offering, in all."""
    project_budget: Decimal
    on: date


class FundsAllocated(Event):
    allocation_id: str
    project_id: str
    amount: Decimal
    allocated_on: date


class TreasuryState(BaseModel):
    model_config = ConfigDict(frozen=True)

    allocated_total: Decimal = ZERO
    by_project: dict[str, Decimal] = {}

    def allocated_to(self, project_id: str) -> Decimal:
        return self.by_project.get(project_id, ZERO)


def decide(c: AllocateFunds, state: TreasuryState) -> Sequence[FundsAllocated]:
    if c.amount <= 0:
        raise Invalid("an allocation must be above zero", field="amount")
    project_after = state.allocated_to(c.project_id) + c.amount
    if project_after > c.project_budget:
        left = c.project_budget - state.allocated_to(c.project_id)
        raise Conflict(
            f"beyond the project's budget {c.project_budget}: at most {left} more can be allocated"
        )
    if state.allocated_total + c.amount > c.capital_raised:
        free = c.capital_raised - state.allocated_total
        raise Conflict(f"only {free} of the {c.capital_raised} raised capital is unallocated")
    return [
        FundsAllocated(
            allocation_id=c.allocation_id, project_id=c.project_id, amount=c.amount, allocated_on=c.on
        )
    ]


def evolve(state: TreasuryState, event: FundsAllocated) -> TreasuryState:
    by_project = {**state.by_project, event.project_id: state.allocated_to(event.project_id) + event.amount}
    return TreasuryState(allocated_total=state.allocated_total + event.amount, by_project=by_project)


decider: Decider[AllocateFunds, TreasuryState, FundsAllocated] = Decider(TreasuryState(), decide, evolve)
