"""The service-center service's settings, read from the environment."""

from __future__ import annotations

from park_shared.settings import ParkSettings
from pydantic import Field

__all__ = ["ServiceCenterSettings"]


class ServiceCenterSettings(ParkSettings):
    port: int = 8102
    sc_overdue_scan_seconds: float = Field(30.0, gt=0)
    """How often the schedulers look for steps past their deadline and for cases of signed leads
    waiting for a procedure catalogue to come into force (one is also woken when HQ publishes one)."""
    sc_talent_decision_working_days: int = Field(10, ge=1, le=60)
    """The promised limit of a talent subsidy decision, in working days of the zone calendar
    from the application's day."""
