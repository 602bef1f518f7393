"""The registry of the events service-center writes and the foreign events it reads."""

from __future__ import annotations

from park_shared.events import EventRegistry

SERVICE = "service-center"
DEPARTMENT = "sc"

registry = EventRegistry(SERVICE)
