"""Progress payments to the contractor: within the contract and within the allocated funds."""

from __future__ import annotations

from park_shared.errors import Conflict, Invalid

from park_industrial_co.domain.money import ZERO
from park_industrial_co.domain.project.commands import PayContractor
from park_industrial_co.domain.project.events import ContractorPaid
from park_industrial_co.domain.project.state import ProjectState

__all__ = ["pay"]


def pay(c: PayContractor, state: ProjectState) -> ContractorPaid:
    if c.amount <= 0:
        raise Invalid("a payment must be above zero", field="amount")
    if state.contract is None:
        raise Conflict(f"the project is {state.status}; payments need an awarded contract")
    if c.milestone not in state.milestones:
        raise Conflict(f"milestone {c.milestone!r} has not been reached")
    if c.milestone in state.paid_milestones:
        raise Conflict(f"milestone {c.milestone!r} was paid already")
    after = state.paid_total + c.amount
    if after > state.contract.amount:
        left = state.contract.amount - state.paid_total
        raise Conflict(
            f"beyond the contract: {state.paid_total} of {state.contract.amount} paid, at most {left} more"
        )
    if after > c.allocated:
        left = max(c.allocated - state.paid_total, ZERO)
        raise Conflict(
            f"beyond the allocation: {state.paid_total} of {c.allocated} allocated paid, {left} left"
        )
    return ContractorPaid(
        project_id=state.project_id,
        payment_id=c.payment_id,
        milestone=c.milestone,
        contractor=state.contract.contractor,
        amount=c.amount,
        paid_on=c.on,
    )
