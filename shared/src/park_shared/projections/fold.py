"""A read model that keeps each aggregate's folded state as one JSON document: the same
`evolve` as the decider, so the document is derived from the events alone. `stamp` names the
document field that carries the stream version of the last event folded in (None: no such
field, for a state that has a `version` of its own)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView

__all__ = ["FoldProjection"]

S = TypeVar("S", bound=BaseModel)


class FoldProjection(Generic[S]):
    def __init__(
        self,
        name: str,
        collection: str,
        events: tuple[type[BaseModel], ...],
        initial: S,
        evolve: Callable[[S, Any], S],
        key: Callable[[Any, RecordedEvent], str],
        extras: Callable[[S], dict[str, Any]] = lambda _: {},
        *,
        stamp: str | None = "version",
    ) -> None:
        self.name = name
        self.collections: tuple[str, ...] = (collection,)
        self._collection = collection
        self._events = events
        self._initial = initial
        self._evolve = evolve
        self._key = key
        self._extras = extras
        self._stamp = stamp

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if not isinstance(event, self._events):
            return
        key = self._key(event, record)
        stored = await view.get(self._collection, key)
        state = self._initial if stored is None else type(self._initial).model_validate(stored)
        state = self._evolve(state, event)
        doc = {**state.model_dump(mode="json"), **self._extras(state)}
        if self._stamp is not None:
            doc[self._stamp] = record.version
        view.put(self._collection, key, doc)
