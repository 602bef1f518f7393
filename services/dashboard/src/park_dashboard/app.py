"""The dashboard FastAPI app."""

from __future__ import annotations

from fastapi import FastAPI
from park_shared.web.app import create_service_app

import park_dashboard
from park_dashboard.api import contract, pages, panels, stream
from park_dashboard.bootstrap import bootstrap
from park_dashboard.settings import DashboardSettings

__all__ = ["create_app"]


def create_app(settings: DashboardSettings | None = None) -> FastAPI:
    return create_service_app(
        title="dashboard",
        description=park_dashboard.__doc__ or "",
        bootstrap=lambda: bootstrap(settings),
        routers=[pages.router, panels.router, stream.router, contract.router],
    )
