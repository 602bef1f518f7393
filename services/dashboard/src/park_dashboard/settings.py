"""The dashboard's settings, read from the environment."""

from __future__ import annotations

from park_shared.settings import ParkSettings
from pydantic import Field

__all__ = ["DashboardSettings"]


class DashboardSettings(ParkSettings):
    port: int = 8100
    feed_size: int = Field(40, ge=1, le=500)
    """How many of the latest events the live feed keeps."""
    stream_heartbeat_seconds: float = Field(15.0, gt=0)
    """A comment line on the server-sent event stream this often keeps proxies from closing it."""
    stream_max_seconds: float = Field(300.0, gt=0)
    """A stream ends after this long; the browser reconnects by itself (EventSource retry)."""
    headquarters_url: str = "http://127.0.0.1:8101"
    """Where the browser finds headquarters' public pages (HEADQUARTERS_URL; the default is
    `parkctl up`'s and compose's port): the public page links each regulation's text there
    (/public/regulations/{id}); empty: the same host, behind one gateway."""
