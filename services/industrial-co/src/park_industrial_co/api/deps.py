"""Annotated dependencies: the IndustrialCo context, and who may call."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from park_shared.auth import Principal
from park_shared.errors import NotFound
from park_shared.web.app import application_of
from park_shared.web.security import requires

from park_industrial_co.application.context import IndustrialCo

__all__ = ["Finance", "IndustrialCoDep", "Manager", "OfferingId", "ProjectId", "Staff"]

IndustrialCoDep = Annotated[IndustrialCo, Depends(application_of(IndustrialCo))]

Manager = Annotated[Principal, Depends(requires("ic.manager"))]
"""ic.manager: offerings, subscriptions, projects, tenders, awards, milestones."""
Finance = Annotated[Principal, Depends(requires("ic.finance"))]
"""ic.finance: payments, refunds, allocations, contractor payments."""
Staff = Annotated[Principal, Depends(requires("ic.manager", "ic.finance"))]
"""Either role: the read side."""


def _offering_id(offering_id: str) -> str:
    if not offering_id.startswith("off-"):
        raise NotFound(f"there is no offering {offering_id}")
    return offering_id


def _project_id(project_id: str) -> str:
    if not project_id.startswith("prj-"):
        raise NotFound(f"there is no infrastructure project {project_id}")
    return project_id


OfferingId = Annotated[str, Depends(_offering_id)]
"""An offering's id from the path (404 unless it names an offering)."""
ProjectId = Annotated[str, Depends(_project_id)]
"""A project's id from the path (404 unless it names a project)."""
