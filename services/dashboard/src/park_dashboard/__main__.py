"""Runs the dashboard: `python -m park_dashboard` (http://127.0.0.1:8100/)."""

from __future__ import annotations

import uvicorn
from park_shared.web.https import https_options

from park_dashboard.app import create_app
from park_dashboard.settings import DashboardSettings


def main() -> None:
    settings = DashboardSettings()
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        timeout_graceful_shutdown=3,
        **https_options(settings),
    )


if __name__ == "__main__":
    main()
