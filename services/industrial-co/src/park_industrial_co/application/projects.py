"""Project use cases that read other aggregates: parcels known, capital raised, funds allocated.

Each outside fact passed into a command only ever grows (parcels registered, capital of
closed offerings, a project's budget and allocations), so a reading a moment old can refuse
too much but never allow too much."""

from __future__ import annotations

from decimal import Decimal

from park_shared.handler import CommandContext

from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.domain import project, treasury
from park_industrial_co.projections.parcels import PARCELS

__all__ = ["allocate", "pay_contractor", "plan"]


async def plan(
    ic: IndustrialCo,
    context: CommandContext,
    name: str,
    kind: project.ProjectKind,
    parcel_ids: tuple[str, ...],
    budget: Decimal,
) -> str:
    read_models = await ic.read_models()
    known = frozenset([p for p in parcel_ids if await read_models.get(PARCELS, p) is not None])
    command = project.PlanProject(
        project_id=ic.new_id("prj"),
        name=name,
        kind=kind,
        parcel_ids=parcel_ids,
        budget=budget,
        known_parcel_ids=known,
        on=ic.today(),
    )
    await ic.projects.handle(command.project_id, command, context)
    return command.project_id


async def allocate(ic: IndustrialCo, context: CommandContext, project_id: str, amount: Decimal) -> str:
    budget = (await ic.project_state(project_id)).budget
    command = treasury.AllocateFunds(
        allocation_id=ic.new_id("alloc"),
        project_id=project_id,
        amount=amount,
        capital_raised=await ic.capital_raised(),
        project_budget=budget,
        on=ic.today(),
    )
    await ic.treasury.handle(treasury.STREAM, command, context)
    return command.allocation_id


async def pay_contractor(
    ic: IndustrialCo, context: CommandContext, project_id: str, milestone: str, amount: Decimal
) -> str:
    funds, _version = await ic.treasury.load(treasury.STREAM)
    command = project.PayContractor(
        payment_id=ic.new_id("pay"),
        milestone=milestone,
        amount=amount,
        allocated=funds.allocated_to(project_id),
        on=ic.today(),
    )
    await ic.projects.handle(project_id, command, context)
    return command.payment_id
