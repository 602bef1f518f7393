"""The composition root: builds the runtime from settings. Tests use it too."""

from __future__ import annotations

from park_shared.runtime import Runtime

from park_industrial_co.events import DEPARTMENT, SERVICE, registry
from park_industrial_co.settings import IndustrialCoSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: IndustrialCoSettings | None = None) -> Runtime:
    runtime = Runtime(SERVICE, DEPARTMENT, settings or IndustrialCoSettings(), registry)
    return runtime
