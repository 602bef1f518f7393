"""The dashboard's reading of the services' events (docs/events.md): only the fields it uses,
one module per producing service, each naming its PRODUCER and the MODELS it reads with.
`contract.py` declares them (READS); intake and the read models look them up by type name."""

from __future__ import annotations

from park_shared.contract import Reading
from park_shared.events import ForeignEvent

from park_dashboard.domain.readings import headquarters, industrial_co, investment, service_center

__all__ = ["READINGS", "READS", "reading_of"]

_BY_PRODUCER = (headquarters, service_center, industrial_co, investment)

READS: tuple[Reading, ...] = tuple(
    Reading(module.PRODUCER, model) for module in _BY_PRODUCER for model in module.MODELS
)
READINGS: dict[str, type[ForeignEvent]] = {
    Reading(module.PRODUCER, model).type: model for module in _BY_PRODUCER for model in module.MODELS
}
"""The model the dashboard reads each event type with, by type name."""


def reading_of(type_: str) -> type[ForeignEvent] | None:
    return READINGS.get(type_)
