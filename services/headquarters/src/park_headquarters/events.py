"""The registry of the events headquarters writes and the foreign events it reads."""

from __future__ import annotations

from park_shared.events import EventRegistry

SERVICE = "headquarters"
DEPARTMENT = "hq"

registry = EventRegistry(SERVICE)
