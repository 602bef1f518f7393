"""The industrial-co service's settings, read from the environment."""

from __future__ import annotations

from park_shared.settings import ParkSettings

__all__ = ["IndustrialCoSettings"]


class IndustrialCoSettings(ParkSettings):
    port: int = 8103
