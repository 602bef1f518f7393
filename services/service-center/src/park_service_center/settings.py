"""The service-center service's settings, read from the environment."""

from __future__ import annotations

from datetime import date
from typing import Self

from park_shared.settings import ParkSettings
from pydantic import Field, model_validator

from park_service_center.domain.calendar import WorkingCalendar

__all__ = ["ServiceCenterSettings"]


class ServiceCenterSettings(ParkSettings):
    port: int = 8102
    sc_public_holidays: tuple[date, ...] = ()
    """SC_PUBLIC_HOLIDAYS, a JSON list of ISO dates that are not working days."""
    sc_makeup_workdays: tuple[date, ...] = ()
    """SC_MAKEUP_WORKDAYS, a JSON list of ISO dates (调休, often weekend days) that are."""
    sc_overdue_scan_seconds: float = Field(30.0, gt=0)
    """How often the schedulers look for steps past their deadline and for cases of signed leads
    waiting for a procedure catalogue to come into force (one is also woken when HQ publishes one)."""

    @model_validator(mode="after")
    def _calendar_is_consistent(self) -> Self:
        self.calendar()
        return self

    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(frozenset(self.sc_public_holidays), frozenset(self.sc_makeup_workdays))
