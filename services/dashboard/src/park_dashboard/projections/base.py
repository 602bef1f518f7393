"""The shape every dashboard read model shares: it applies the recorded observations, reading
each one's data with the dashboard's model for its type, and dispatches by that model."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from decimal import Decimal
from typing import Any

from park_shared.events import ForeignEvent, RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel, ValidationError

from park_dashboard.domain.observed import EventObserved
from park_dashboard.domain.readings import reading_of

__all__ = ["Handler", "ObservedProjection", "money", "rank_max"]

log = logging.getLogger(__name__)

Handler = Callable[[Any, EventObserved, ProjectionView], Awaitable[None]]


class ObservedProjection:
    """Subclasses name their collections and map reading models to handlers."""

    name: str = ""
    collections: tuple[str, ...] = ()

    def __init__(self, handlers: Mapping[type[ForeignEvent], Handler]) -> None:
        self._handlers = dict(handlers)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if not isinstance(event, EventObserved):
            return
        model = reading_of(event.type)
        handler = self._handlers.get(model) if model is not None else None
        if model is None or handler is None:
            return
        try:
            reading = model.model_validate(event.data)
        except ValidationError as bad:  # checked when read; only a changed reading gets here
            log.warning("%s skips %s %s: %s", self.name, event.type, event.id, bad.error_count())
            return
        await handler(reading, event, view)


def money(value: object) -> str:
    """A JSON-safe amount: the decimal string, two places."""
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def rank_max(current: str | None, new: str, order: tuple[str, ...]) -> str:
    """The later of two statuses in `order`: events from different topics may come in any order."""
    if current is None or current not in order:
        return new
    return new if order.index(new) > order.index(current) else current
