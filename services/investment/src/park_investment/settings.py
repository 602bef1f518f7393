"""The investment service's settings, read from the environment."""

from __future__ import annotations

from decimal import Decimal

from park_shared.settings import ParkSettings
from pydantic import Field

__all__ = ["InvestmentSettings"]


class InvestmentSettings(ParkSettings):
    port: int = 8104
    green_channel_threshold: Decimal = Field(Decimal("100000000.00"), ge=0)
    """A signing at or above this amount (yuan) gets the green channel (绿色通道) by itself."""
    inquiry_burst: int = Field(5, ge=1)
    """Public inquiries one client may send at once (token bucket size, per client IP)."""
    inquiry_refill_seconds: float = Field(60.0, gt=0)
    """Seconds for one more inquiry token to come back."""
