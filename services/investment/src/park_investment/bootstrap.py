"""The composition root: builds the runtime from settings. Tests use it too."""

from __future__ import annotations

from park_shared.runtime import Runtime

from park_investment.events import DEPARTMENT, SERVICE, registry
from park_investment.settings import InvestmentSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: InvestmentSettings | None = None) -> Runtime:
    runtime = Runtime(SERVICE, DEPARTMENT, settings or InvestmentSettings(), registry)
    return runtime
