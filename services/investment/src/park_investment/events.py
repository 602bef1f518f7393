"""The registry of the events investment writes and the foreign events it reads."""

from __future__ import annotations

from park_shared.events import EventRegistry

SERVICE = "investment"
DEPARTMENT = "inv"

registry = EventRegistry(SERVICE)
