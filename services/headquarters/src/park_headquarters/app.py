"""The headquarters FastAPI app."""

from __future__ import annotations

from fastapi import FastAPI
from park_shared.web.app import create_service_app

import park_headquarters
from park_headquarters.bootstrap import bootstrap
from park_headquarters.settings import HeadquartersSettings

__all__ = ["create_app"]


def create_app(settings: HeadquartersSettings | None = None) -> FastAPI:
    return create_service_app(
        title="headquarters",
        description=park_headquarters.__doc__ or "",
        bootstrap=lambda: bootstrap(settings),
        routers=[],
    )
