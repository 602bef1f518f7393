"""Read models, derived from headquarters' own events only (rebuildable from event one)."""

from __future__ import annotations

from park_shared.projections.runner import Projection

from park_headquarters.projections.approvals import approvals
from park_headquarters.projections.coordination import coordination
from park_headquarters.projections.households import households_projection
from park_headquarters.projections.offerings import offerings
from park_headquarters.projections.parks import parcels, parks
from park_headquarters.projections.planning import planning
from park_headquarters.projections.policies import policies_projection
from park_headquarters.projections.regulations import regulations_projection
from park_headquarters.projections.requisitions import requisitions
from park_headquarters.projections.revocations import RevocationsProjection
from park_headquarters.projections.supervision import supervision

__all__ = ["projections"]


def projections() -> list[Projection]:
    """Every read model of headquarters."""
    return [
        parks(),
        parcels(),
        policies_projection(),
        approvals(),
        planning(),
        supervision(),
        coordination(),
        offerings(),
        RevocationsProjection(),
        regulations_projection(),
        requisitions(),
        households_projection(),
    ]
