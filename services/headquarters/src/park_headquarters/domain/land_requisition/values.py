"""What a requisition case is made of: land classes and areas (mu), amounts (yuan), the
compensation standard in force, and the village collectives it takes land from."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from park_shared.errors import Invalid
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["LAND_CLASSES", "Collective", "CompensationStandard", "LandClass", "Mu", "Yuan"]

LandClass = Literal["arable", "garden", "forest", "homestead", "other"]
"""耕地, 园地, 林地, 宅基地, 其他."""
LAND_CLASSES: tuple[LandClass, ...] = ("arable", "garden", "forest", "homestead", "other")
Mu = Decimal
Yuan = Decimal


class CompensationStandard(BaseModel):
    """The compensation standard's version in force on a day: yuan per mu by land class."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    policy_id: str
    version: int
    per_mu: dict[LandClass, Yuan]

    def minimum(self, areas: dict[LandClass, Mu]) -> Yuan:
        missing = sorted(c for c in areas if c not in self.per_mu)
        if missing:
            raise Invalid(
                f"the compensation standard (version {self.version}) has no rate for {missing[0]} land",
                field="areas",
            )
        return sum((self.per_mu[c] * mu for c, mu in areas.items()), Decimal(0))


class Collective(BaseModel):
    """A village collective whose land the case takes: counts, never people."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    collective_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")
    name: str = Field(min_length=1)
    households: int = Field(ge=0, le=1_000_000)
    parcel_ids: tuple[str, ...] = Field(min_length=1)
