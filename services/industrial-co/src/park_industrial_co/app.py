"""The industrial-co FastAPI app."""

from __future__ import annotations

from fastapi import FastAPI
from park_shared.web.app import create_service_app

import park_industrial_co
from park_industrial_co.api import (
    funds,
    investors,
    land_compensations,
    ledger,
    offerings,
    parcels,
    projects,
    shared_facilities,
    subscriptions,
    tenders,
)
from park_industrial_co.bootstrap import bootstrap
from park_industrial_co.settings import IndustrialCoSettings

__all__ = ["create_app"]


def create_app(settings: IndustrialCoSettings | None = None) -> FastAPI:
    return create_service_app(
        title="industrial-co",
        description=park_industrial_co.__doc__ or "",
        bootstrap=lambda: bootstrap(settings),
        routers=[
            offerings.router,
            subscriptions.router,
            investors.router,
            projects.router,
            tenders.router,
            funds.router,
            ledger.router,
            parcels.router,
            shared_facilities.router,
            land_compensations.router,
        ],
    )
