"""The registry of the events industrial-co writes and the foreign events it reads."""

from __future__ import annotations

from park_shared.events import EventRegistry

SERVICE = "industrial-co"
DEPARTMENT = "ic"

registry = EventRegistry(SERVICE)
