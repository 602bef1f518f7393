"""Runs the headquarters service: `python -m park_headquarters`."""

from __future__ import annotations

import uvicorn
from park_shared.web.https import https_options

from park_headquarters.app import create_app
from park_headquarters.settings import HeadquartersSettings


def main() -> None:
    settings = HeadquartersSettings()
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        **https_options(settings),
    )


if __name__ == "__main__":
    main()
