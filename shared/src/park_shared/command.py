"""Commands as frozen pydantic models: what a caller asks of one aggregate, checked on the way in."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Command"]


class Command(BaseModel):
    """A request to one aggregate: immutable, strict about its fields (the one kind of command
    in every service)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
