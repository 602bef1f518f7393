"""The service-center FastAPI app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from fastapi import FastAPI
from park_shared.web.app import create_service_app

import park_service_center
from park_service_center.api import cases, invoices, jobs, public, steps, talent, tickets
from park_service_center.bootstrap import bootstrap
from park_service_center.settings import ServiceCenterSettings

__all__ = ["create_app"]


def create_app(
    settings: ServiceCenterSettings | None = None, clock: Callable[[], datetime] | None = None
) -> FastAPI:
    """The app; `clock` replaces the runtime's time source (tests and the restart drill)."""
    return create_service_app(
        title="service-center",
        description=park_service_center.__doc__ or "",
        bootstrap=lambda: bootstrap(settings, clock),
        routers=[
            cases.router,
            steps.router,
            invoices.router,
            tickets.router,
            jobs.router,
            public.router,
            jobs.public_router,
            talent.router,
            talent.public_router,
        ],
    )
