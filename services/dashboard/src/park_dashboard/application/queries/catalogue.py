"""The procedure catalogue (办事指南) in force: its steps with their promised limits."""

from __future__ import annotations

from datetime import date
from typing import Any

from park_shared.projections.port import Doc, ReadModelStore

from park_dashboard.application.policies import in_force
from park_dashboard.projections.administration import POLICIES

__all__ = ["catalogue_policy", "catalogue_steps"]


async def catalogue_policy(models: ReadModelStore, today: date) -> Doc | None:
    """The procedure catalogue in force today (the one published latest if several are)."""
    current = in_force(await models.find(POLICIES, {"kind": "procedure_catalogue"}), today)
    if not current:
        return None
    return max(current.values(), key=lambda d: (d.get("effective_from") or "", d["version"]))


async def catalogue_steps(models: ReadModelStore, today: date) -> list[dict[str, Any]]:
    policy = await catalogue_policy(models, today)
    steps = (policy or {}).get("terms", {}).get("steps", [])
    return [s for s in steps if isinstance(s, dict)]
