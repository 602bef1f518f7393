"""The registry of the events headquarters writes and the foreign events it reads.

Our own events are declared next to their aggregate in `domain/`, the foreign ones (our
reading of other services' contract events) in `application/foreign.py`; each registers
itself here when its module is imported (the app imports them all)."""

from __future__ import annotations

from park_shared.events import EventRegistry

SERVICE = "headquarters"
DEPARTMENT = "hq"

registry = EventRegistry(SERVICE)
