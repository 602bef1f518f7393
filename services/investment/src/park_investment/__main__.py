"""Runs the investment service: `python -m park_investment`."""

from __future__ import annotations

import uvicorn

from park_investment.app import create_app
from park_investment.settings import InvestmentSettings


def main() -> None:
    settings = InvestmentSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


if __name__ == "__main__":
    main()
