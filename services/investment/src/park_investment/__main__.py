"""Runs the investment service: `python -m park_investment`."""

from __future__ import annotations

import uvicorn
from park_shared.web.https import https_options

from park_investment.app import create_app
from park_investment.settings import InvestmentSettings


def main() -> None:
    settings = InvestmentSettings()
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        **https_options(settings),
    )


if __name__ == "__main__":
    main()
