"""The service-center FastAPI app."""

from __future__ import annotations

from fastapi import FastAPI
from park_shared.web.app import create_service_app

import park_service_center
from park_service_center.bootstrap import bootstrap
from park_service_center.settings import ServiceCenterSettings

__all__ = ["create_app"]


def create_app(settings: ServiceCenterSettings | None = None) -> FastAPI:
    return create_service_app(
        title="service-center",
        description=park_service_center.__doc__ or "",
        bootstrap=lambda: bootstrap(settings),
        routers=[],
    )
