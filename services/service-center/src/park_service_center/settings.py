"""The service-center service's settings, read from the environment."""

from __future__ import annotations

from park_shared.settings import ParkSettings

__all__ = ["ServiceCenterSettings"]


class ServiceCenterSettings(ParkSettings):
    port: int = 8102
