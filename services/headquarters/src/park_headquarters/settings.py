"""The headquarters service's settings, read from the environment."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from park_shared.settings import ParkSettings
from pydantic import BaseModel, ConfigDict, Field

from park_headquarters.domain.requisition_stages import DEFAULT_LIMITS as REQUISITION_LIMITS
from park_headquarters.domain.requisition_stages import Stage

__all__ = ["HeadquartersSettings", "PlanningLimit"]


class PlanningLimit(BaseModel):
    """What a planner of one level may decide alone (分级审批): larger cases go to the head."""

    model_config = ConfigDict(frozen=True)

    floor_area_m2: int = Field(gt=0)
    height_m: Decimal = Field(gt=0)


DEFAULT_LIMITS = {
    1: PlanningLimit(floor_area_m2=5_000, height_m=Decimal(24)),
    2: PlanningLimit(floor_area_m2=20_000, height_m=Decimal(50)),
    3: PlanningLimit(floor_area_m2=80_000, height_m=Decimal(100)),
}


class HeadquartersSettings(ParkSettings):
    port: int = 8101
    hq_park_names: dict[str, str] = Field(
        default_factory=lambda: {"north": "北园 North Park", "south": "南园 South Park"}
    )
    """HQ_PARK_NAMES: the first name of each park in PARK_PARKS (renamed later over HTTP)."""
    hq_planning_limits: dict[int, PlanningLimit] = Field(default_factory=lambda: dict(DEFAULT_LIMITS))
    """HQ_PLANNING_LIMITS: by planner level, the largest floor area and height it decides."""
    hq_scheduler_interval: float = Field(5.0, gt=0)
    """Seconds between two runs of the policy-supersession and requisition-deadline schedulers."""
    hq_requisition_limits: dict[Stage, Annotated[int, Field(ge=1, le=1000)]] = Field(
        default_factory=lambda: dict(REQUISITION_LIMITS)
    )
    """HQ_REQUISITION_LIMITS: working days promised per stage of a land requisition case
    (agreements, payment, resettlement, issue); a case keeps those in force when it opened."""

    def park_name(self, park_id: str) -> str:
        return self.hq_park_names.get(park_id, park_id)
