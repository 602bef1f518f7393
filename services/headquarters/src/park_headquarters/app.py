"""The headquarters FastAPI app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from fastapi import FastAPI
from park_shared.web.app import create_service_app

import park_headquarters
from park_headquarters.api import (
    approvals,
    calendar,
    coordination,
    households,
    oversight,
    parcels,
    parks,
    planning,
    policies,
    public,
    regulations,
    requisitions,
    revocations,
    supervision,
)
from park_headquarters.bootstrap import bootstrap
from park_headquarters.settings import HeadquartersSettings

__all__ = ["create_app"]

ROUTERS = [
    parks.router,
    parcels.router,
    policies.router,
    public.router,
    regulations.router,
    regulations.public_router,
    requisitions.router,
    households.router,
    calendar.router,
    approvals.router,
    planning.router,
    supervision.router,
    coordination.router,
    oversight.router,
    revocations.router,
]


def create_app(
    settings: HeadquartersSettings | None = None, clock: Callable[[], datetime] | None = None
) -> FastAPI:
    """The app; `clock` replaces the runtime's time source (tests pin the zone's date)."""
    return create_service_app(
        title="headquarters",
        description=park_headquarters.__doc__ or "",
        bootstrap=lambda: bootstrap(settings, clock),
        routers=ROUTERS,
    )
