"""The composition root: builds the runtime from settings. Tests use it too."""

from __future__ import annotations

from park_shared.runtime import Runtime

from park_service_center.events import DEPARTMENT, SERVICE, registry
from park_service_center.settings import ServiceCenterSettings

__all__ = ["bootstrap"]


async def bootstrap(settings: ServiceCenterSettings | None = None) -> Runtime:
    runtime = Runtime(SERVICE, DEPARTMENT, settings or ServiceCenterSettings(), registry)
    return runtime
