"""Runs the investment service: `python -m park_investment`."""

from __future__ import annotations

from park_shared.web.serve import serve

from park_investment.app import create_app
from park_investment.settings import InvestmentSettings


def main() -> None:
    settings = InvestmentSettings()
    serve(create_app(settings), settings, service="investment", host=settings.host, port=settings.port)


if __name__ == "__main__":
    main()
