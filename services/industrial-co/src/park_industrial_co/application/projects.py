"""Project use cases that read other aggregates: parcels known, capital raised, funds allocated.

Each outside fact passed into a command only ever grows (parcels registered, capital of
closed offerings, a project's budget and allocations), so a reading a moment old can refuse
too much but never allow too much."""

from __future__ import annotations

from decimal import Decimal

from park_shared.auth import Principal
from park_shared.errors import NotFound
from park_shared.projections.port import ReadModelStore
from park_shared.runtime import Runtime

from park_industrial_co.application.handlers import execute, handler
from park_industrial_co.application.ids import new_id
from park_industrial_co.domain import project, treasury
from park_industrial_co.domain.money import ZERO
from park_industrial_co.projections.offerings import OFFERINGS
from park_industrial_co.projections.parcels import PARCELS

__all__ = ["allocate", "capital_raised", "pay_contractor", "plan"]


async def plan(
    runtime: Runtime,
    principal: Principal,
    name: str,
    kind: project.ProjectKind,
    parcel_ids: tuple[str, ...],
    budget: Decimal,
) -> str:
    known = frozenset([p for p in parcel_ids if await runtime.read_models.get(PARCELS, p) is not None])
    command = project.PlanProject(
        project_id=new_id("prj"),
        name=name,
        kind=kind,
        parcel_ids=parcel_ids,
        budget=budget,
        known_parcel_ids=known,
        on=runtime.today(),
    )
    await execute(runtime, principal, project.decider, command.project_id, command, expect="new")
    return command.project_id


async def capital_raised(read_models: ReadModelStore) -> Decimal:
    closed = await read_models.find(OFFERINGS, {"status": "closed"})
    return sum((Decimal(o["raised_amount"]) for o in closed), ZERO)


async def allocate(runtime: Runtime, principal: Principal, project_id: str, amount: Decimal) -> str:
    state, _ = await handler(runtime, project.decider).load(project_id)
    if state.status == "none":
        raise NotFound(f"there is no infrastructure project {project_id}")
    if runtime.projection_runner is not None:
        await runtime.projection_runner.catch_up()
    command = treasury.AllocateFunds(
        allocation_id=new_id("alloc"),
        project_id=project_id,
        amount=amount,
        capital_raised=await capital_raised(runtime.read_models),
        project_budget=state.budget,
        on=runtime.today(),
    )
    await execute(runtime, principal, treasury.decider, treasury.STREAM, command, expect="any")
    return command.allocation_id


async def pay_contractor(
    runtime: Runtime, principal: Principal, project_id: str, milestone: str, amount: Decimal
) -> str:
    funds, _ = await handler(runtime, treasury.decider).load(treasury.STREAM)
    command = project.PayContractor(
        payment_id=new_id("pay"),
        milestone=milestone,
        amount=amount,
        allocated=funds.allocated_to(project_id),
        on=runtime.today(),
    )
    await execute(runtime, principal, project.decider, project_id, command)
    return command.payment_id
