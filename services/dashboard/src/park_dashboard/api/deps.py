"""The dependencies the dashboard's routers share."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends
from park_shared.web.app import ReadModelsDep, RuntimeDep

from park_dashboard.application.changes import Changes

__all__ = ["ChangesDep", "ReadModelsDep", "RuntimeDep", "TodayDep"]


def get_changes(runtime: RuntimeDep) -> Changes:
    changes: Changes = runtime.state["changes"]
    return changes


def get_today(runtime: RuntimeDep) -> date:
    return runtime.today()


ChangesDep = Annotated[Changes, Depends(get_changes)]
TodayDep = Annotated[date, Depends(get_today)]
