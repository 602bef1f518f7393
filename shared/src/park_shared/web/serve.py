"""`python -m park_<service>`: a service's app under uvicorn, its logs in the park's format from
the first line (uvicorn's own configuration would write its start-up lines as plain text before
the app's lifespan sets the format)."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from park_shared.logging_setup import setup_logging
from park_shared.settings import ParkSettings
from park_shared.web.https import https_options

__all__ = ["serve"]


def serve(
    app: FastAPI,
    settings: ParkSettings,
    *,
    service: str,
    host: str,
    port: int,
    graceful_shutdown: int | None = None,
) -> None:
    """Runs `app` on host:port, over HTTPS when the settings name a certificate (web.https)."""
    setup_logging(service)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        log_config=None,  # uvicorn's loggers propagate to the root logger setup_logging formats
        http="httptools",  # the C parser (a dependency): h11, pure Python, cost each request more
        timeout_graceful_shutdown=graceful_shutdown,
        **https_options(settings),
    )
