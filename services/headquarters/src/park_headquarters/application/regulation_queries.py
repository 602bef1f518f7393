"""Regulations as the read model holds them, folded back into their state (as of any date)."""

from __future__ import annotations

from park_shared.errors import NotFound
from park_shared.projections.port import ReadModelStore

from park_headquarters.domain.regulation import RegulationState
from park_headquarters.projections.regulations import COLLECTION

__all__ = ["all_regulations", "regulation_state"]


async def regulation_state(read_models: ReadModelStore, regulation_id: str) -> RegulationState:
    """404 when there is no such regulation."""
    doc = await read_models.get(COLLECTION, regulation_id)
    if doc is None:
        raise NotFound(f"there is no regulation {regulation_id!r}", regulation_id=regulation_id)
    return RegulationState.model_validate(doc)


async def all_regulations(read_models: ReadModelStore, kind: str | None = None) -> list[RegulationState]:
    docs = await read_models.find(COLLECTION, {"kind": kind} if kind else None)
    states = [RegulationState.model_validate(doc) for doc in docs]
    return sorted(states, key=lambda s: s.regulation_id)
