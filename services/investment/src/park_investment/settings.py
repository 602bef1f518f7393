"""The investment service's settings, read from the environment."""

from __future__ import annotations

from park_shared.settings import ParkSettings

__all__ = ["InvestmentSettings"]


class InvestmentSettings(ParkSettings):
    port: int = 8104
