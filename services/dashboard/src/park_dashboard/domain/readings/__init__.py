"""The dashboard's reading of the services' events (docs/events.md): only the fields it uses,
one module per producing service; `load()` imports them all (the bootstrap calls it)."""

from __future__ import annotations

import importlib

from park_shared.events import ForeignEvent

from park_dashboard.domain.readings.base import READINGS, reading_of

__all__ = ["READINGS", "load", "reading_of"]

_MODULES = ("headquarters", "service_center", "industrial_co", "investment")


def load() -> dict[str, type[ForeignEvent]]:
    """Registers every reading (idempotent) and returns them by type name."""
    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return dict(READINGS)
