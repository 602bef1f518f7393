"""Runs the service-center service: `python -m park_service_center`."""

from __future__ import annotations

import uvicorn
from park_shared.web.https import https_options

from park_service_center.app import create_app
from park_service_center.settings import ServiceCenterSettings


def main() -> None:
    settings = ServiceCenterSettings()
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        **https_options(settings),
    )


if __name__ == "__main__":
    main()
