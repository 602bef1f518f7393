"""The headquarters service's settings, read from the environment."""

from __future__ import annotations

from park_shared.settings import ParkSettings

__all__ = ["HeadquartersSettings"]


class HeadquartersSettings(ParkSettings):
    port: int = 8101
