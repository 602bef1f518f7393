"""The dependencies the dashboard's routers share."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends
from park_shared.web.app import ReadModelsDep, application_of

from park_dashboard.application.context import Dashboard

__all__ = ["DashboardDep", "ReadModelsDep", "TodayDep"]

DashboardDep = Annotated[Dashboard, Depends(application_of(Dashboard))]


def get_today(dashboard: DashboardDep) -> date:
    return dashboard.today()


TodayDep = Annotated[date, Depends(get_today)]
