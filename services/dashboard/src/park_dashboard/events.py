"""The registry of what the dashboard records (its observations) and the foreign events it reads."""

from __future__ import annotations

from park_shared.events import EventRegistry

SERVICE = "dashboard"
DEPARTMENT = "dash"
SOURCES: tuple[str, ...] = ("headquarters", "service-center", "industrial-co", "investment")
"""The services whose topics the dashboard reads."""

registry = EventRegistry(SERVICE)
