"""Questions about policies, answered from the policy read model: what is (or was) in force."""

from __future__ import annotations

from datetime import date
from typing import Literal

from park_shared.projections.port import ReadModelStore
from park_shared.working_days import WorkingCalendar
from pydantic import BaseModel, ConfigDict

from park_headquarters.domain.policy import PolicyState
from park_headquarters.domain.policy_terms import PolicyKind, ProcedureCatalogueTerms
from park_headquarters.domain.policy_timeline import PolicyVersion, in_force_on

__all__ = ["Deadline", "InForce", "in_force", "policy_state", "promised_deadline"]

COLLECTION = "policies"


class InForce(BaseModel):
    model_config = ConfigDict(frozen=True)

    policy_id: str
    kind: PolicyKind
    version: PolicyVersion


class Deadline(BaseModel):
    model_config = ConfigDict(frozen=True)

    working_days: int
    deadline: date
    source: Literal["catalogue", "request"]
    provisional: bool = False


async def policy_state(read_models: ReadModelStore, policy_id: str) -> PolicyState | None:
    doc = await read_models.get(COLLECTION, policy_id)
    return None if doc is None else PolicyState.model_validate(doc)


async def in_force(read_models: ReadModelStore, on: date, kind: PolicyKind | None = None) -> list[InForce]:
    """Every policy (of `kind`) with the version in force on `on`."""
    where = {"kind": kind} if kind else None
    found: list[InForce] = []
    for doc in await read_models.find(COLLECTION, where):
        state = PolicyState.model_validate(doc)
        version = in_force_on(state.versions, on)
        if version is not None and state.kind is not None:
            found.append(InForce(policy_id=state.policy_id, kind=state.kind, version=version))
    return found


async def promised_deadline(
    read_models: ReadModelStore,
    calendar: WorkingCalendar,
    step_code: str,
    requested_on: date,
    working_days: int,
) -> Deadline:
    """For a request stored before requests carried their deadline: the step's promised
    working days in the procedure catalogue in force on the request date (a shorter promise on
    the request itself, the green channel, wins), counted on the zone calendar of that date."""
    days = [
        step.working_days
        for found in await in_force(read_models, requested_on, "procedure_catalogue")
        if (step := ProcedureCatalogueTerms.model_validate(found.version.terms).step(step_code))
    ]
    catalogue = min(days, default=None)
    source: Literal["catalogue", "request"] = "request"
    if catalogue is not None and catalogue <= working_days:
        source, working_days = "catalogue", catalogue
    due = calendar.due(requested_on, working_days)
    return Deadline(
        working_days=working_days, deadline=due.deadline, source=source, provisional=due.provisional
    )
