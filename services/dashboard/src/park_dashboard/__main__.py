"""Runs the dashboard: `python -m park_dashboard` (http://127.0.0.1:8100/)."""

from __future__ import annotations

from park_shared.web.serve import serve

from park_dashboard.app import create_app
from park_dashboard.settings import DashboardSettings


def main() -> None:
    settings = DashboardSettings()
    serve(
        create_app(settings),
        settings,
        service="dashboard",
        host=settings.host,
        port=settings.port,
        graceful_shutdown=3,
    )


if __name__ == "__main__":
    main()
