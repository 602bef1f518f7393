"""The composition root: builds the runtime from settings. Tests use it too."""

from __future__ import annotations

from park_shared.runtime import Runtime

from park_headquarters.events import DEPARTMENT, SERVICE, registry
from park_headquarters.settings import HeadquartersSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: HeadquartersSettings | None = None) -> Runtime:
    runtime = Runtime(SERVICE, DEPARTMENT, settings or HeadquartersSettings(), registry)
    return runtime
