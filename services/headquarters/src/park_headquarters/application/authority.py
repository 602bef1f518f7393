"""Who decides planning cases: the head, or a planner within the limits of their level."""

from __future__ import annotations

from park_shared.auth import Principal

from park_headquarters.domain.planning_messages import Authority
from park_headquarters.settings import HeadquartersSettings

__all__ = ["authority_of"]


def authority_of(principal: Principal, settings: HeadquartersSettings) -> Authority:
    if "hq.head" in principal.roles:
        return Authority(role="head")
    limit = settings.hq_planning_limits.get(principal.level)
    if limit is None:
        return Authority(role="planner", level=principal.level)
    return Authority(
        role="planner",
        level=principal.level,
        floor_area_limit_m2=limit.floor_area_m2,
        height_limit_m=limit.height_m,
    )
