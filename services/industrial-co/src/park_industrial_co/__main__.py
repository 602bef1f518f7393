"""Runs the industrial-co service: `python -m park_industrial_co`."""

from __future__ import annotations

from park_shared.web.serve import serve

from park_industrial_co.app import create_app
from park_industrial_co.settings import IndustrialCoSettings


def main() -> None:
    settings = IndustrialCoSettings()
    serve(create_app(settings), settings, service="industrial-co", host=settings.host, port=settings.port)


if __name__ == "__main__":
    main()
