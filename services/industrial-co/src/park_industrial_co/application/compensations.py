"""Land compensation use cases that read another aggregate: earmarking raised capital for a
requisition case (the treasury, against the capital raised), and paying a collective from what
the treasury earmarked for its case. Both outside facts only ever grow (capital of closed
offerings, funds earmarked), so a reading a moment old can refuse too much, never allow too much."""

from __future__ import annotations

from decimal import Decimal

from park_shared.handler import CommandContext
from park_shared.projections.port import Doc

from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.domain import land_compensation, treasury
from park_industrial_co.projections.compensations import COMPENSATIONS

__all__ = ["case_doc", "earmark", "pay"]


async def case_doc(ic: IndustrialCo, case_id: str) -> Doc:
    """The case as we know it (404 before headquarters told us of an agreement in it)."""
    missing = f"there is no land requisition case {case_id!r} with a signed agreement"
    return await ic.found(COMPENSATIONS, case_id, missing, case_id=case_id)


async def earmark(ic: IndustrialCo, context: CommandContext, case_id: str, amount: Decimal) -> str:
    await case_doc(ic, case_id)
    command = treasury.EarmarkForRequisition(
        earmark_id=ic.new_id("earmark"),
        case_id=case_id,
        amount=amount,
        capital_raised=await ic.capital_raised(),
        on=ic.today(),
    )
    await ic.treasury.handle(treasury.STREAM, command, context)
    return command.earmark_id


async def pay(ic: IndustrialCo, context: CommandContext, case_id: str, collective_id: str) -> str:
    funds, _version = await ic.treasury.load(treasury.STREAM)
    command = land_compensation.PayCompensation(
        case_id=case_id,
        collective_id=collective_id,
        payment_id=ic.new_id("comp"),
        earmarked=funds.earmarked_for(case_id),
        on=ic.today(),
    )
    await ic.compensations.handle(case_id, command, context)
    return command.payment_id
