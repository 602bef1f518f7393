"""Runs the service-center service: `python -m park_service_center`."""

from __future__ import annotations

from park_shared.web.serve import serve

from park_service_center.app import create_app
from park_service_center.settings import ServiceCenterSettings


def main() -> None:
    settings = ServiceCenterSettings()
    serve(create_app(settings), settings, service="service-center", host=settings.host, port=settings.port)


if __name__ == "__main__":
    main()
