"""The industrial-co service's settings, read from the environment."""

from __future__ import annotations

from typing import Self

from park_shared.settings import ParkSettings
from pydantic import SecretStr, model_validator

__all__ = ["DEV_PSEUDONYM_KEY", "IndustrialCoSettings"]

DEV_PSEUDONYM_KEY = "industrial-co-development-pseudonym-key-change-me"


class IndustrialCoSettings(ParkSettings):
    port: int = 8103
    ic_pseudonym_key: SecretStr = SecretStr(DEV_PSEUDONYM_KEY)
    """The HMAC key that turns an investor's identity number or credit code into the
    pseudonymous investor id; held only by this service (IC_PSEUDONYM_KEY)."""

    @model_validator(mode="after")
    def _pseudonym_key(self) -> Self:
        key = self.ic_pseudonym_key.get_secret_value()
        if self.park_env == "production" and (key == DEV_PSEUDONYM_KEY or len(key) < 32):
            raise ValueError("IC_PSEUDONYM_KEY must be set to 32+ characters in production")
        return self
