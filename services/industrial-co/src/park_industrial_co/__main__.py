"""Runs the industrial-co service: `python -m park_industrial_co`."""

from __future__ import annotations

import uvicorn
from park_shared.web.https import https_options

from park_industrial_co.app import create_app
from park_industrial_co.settings import IndustrialCoSettings


def main() -> None:
    settings = IndustrialCoSettings()
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        **https_options(settings),
    )


if __name__ == "__main__":
    main()
