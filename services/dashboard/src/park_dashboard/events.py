"""Who the dashboard is on the wire, and whose topics it reads. What it keeps and reads is
`contract.py`."""

from __future__ import annotations

SERVICE = "dashboard"
DEPARTMENT = "dash"
SOURCES: tuple[str, ...] = ("headquarters", "service-center", "industrial-co", "investment")
"""The services whose topics the dashboard reads."""
