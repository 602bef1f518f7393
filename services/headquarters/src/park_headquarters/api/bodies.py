"""The base of every request body headquarters accepts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Body"]


class Body(BaseModel):
    # a field the body does not know is refused (422 naming it), never silently ignored
    model_config = ConfigDict(extra="forbid")
