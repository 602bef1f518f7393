"""The shape of most read models here: one document per aggregate, written by its opening event
(the event's fields, and what comes later still blank), then each later event's changes merged
into it. A later event whose document is missing changes nothing."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

__all__ = ["Changes", "OneDocument"]

Changes = Callable[[Any, Doc, RecordedEvent], Doc]
"""What a later event changes in its document (given the document as it stands)."""


def _nothing(event: Any, doc: Doc, record: RecordedEvent) -> Doc:
    return {}


class OneDocument:
    def __init__(
        self,
        name: str,
        *,
        collection: str,
        key: str,
        opened_by: type[BaseModel],
        blank: Mapping[str, Any] | None = None,
        later: tuple[type[BaseModel], ...] = (),
        changes: Changes = _nothing,
    ) -> None:
        """`key`: the events' field naming the document; `blank`: the fields later events fill."""
        self.name = name
        self.collections: tuple[str, ...] = (collection,)
        self._collection, self._key = collection, key
        self._opened_by, self._blank = opened_by, dict(blank or {})
        self._later, self._changes = later, changes

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, self._opened_by):
            view.put(
                self._collection,
                getattr(event, self._key),
                {**event.model_dump(mode="json"), **copy.deepcopy(self._blank)},
            )
        elif isinstance(event, self._later):
            key = getattr(event, self._key)
            found = await view.get(self._collection, key)
            if found is not None:
                view.put(self._collection, key, {**found, **self._changes(event, found, record)})
