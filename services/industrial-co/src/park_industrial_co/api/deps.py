"""Annotated dependencies: who may call, and the read models and runtime."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from park_shared.auth import Principal
from park_shared.errors import NotFound
from park_shared.projections.port import Doc, ReadModelStore
from park_shared.web.security import requires

__all__ = ["Finance", "Manager", "Staff", "doc_or_404", "offering_id_or_404", "project_id_or_404"]

Manager = Annotated[Principal, Depends(requires("ic.manager"))]
"""ic.manager: offerings, subscriptions, projects, tenders, awards, milestones."""
Finance = Annotated[Principal, Depends(requires("ic.finance"))]
"""ic.finance: payments, refunds, allocations, contractor payments."""
Staff = Annotated[Principal, Depends(requires("ic.manager", "ic.finance"))]
"""Either role: the read side."""


def offering_id_or_404(offering_id: str) -> str:
    if not offering_id.startswith("off-"):
        raise NotFound(f"there is no offering {offering_id}")
    return offering_id


def project_id_or_404(project_id: str) -> str:
    if not project_id.startswith("prj-"):
        raise NotFound(f"there is no infrastructure project {project_id}")
    return project_id


async def doc_or_404(read_models: ReadModelStore, collection: str, key: str, what: str) -> Doc:
    doc = await read_models.get(collection, key)
    if doc is None:
        raise NotFound(f"there is no {what} {key}")
    return doc
