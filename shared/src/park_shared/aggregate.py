"""An aggregate as a service binds it once, at bootstrap: its decider, how its ids name streams,
and the state each command expects its stream in. Callers pass ids, never stream names."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Generic, Protocol, TypeVar

from pydantic import BaseModel

from park_shared.decider import Decider, Expect
from park_shared.errors import Conflict, NotFound
from park_shared.events import EventRegistry
from park_shared.handler import CommandContext, CommandHandler, Outcome, StreamLocks
from park_shared.store.port import EventStore

__all__ = ["Aggregate", "StoreSource"]

C = TypeVar("C")
S = TypeVar("S")
E = TypeVar("E", bound=BaseModel)


class StoreSource(Protocol):
    """Where an aggregate finds its store when a command arrives (the runtime: the store
    connects after bootstrap) and the registry that names its events."""

    @property
    def store(self) -> EventStore: ...

    @property
    def registry(self) -> EventRegistry: ...


class Aggregate(Generic[C, S, E]):
    """`stream`: a prefix (`"parcel"` names `parcel-<id>`), a function of the id, or None when
    the id names its stream itself (`lead-<credit code>`, `case-…`). `creates`: the
    command types that start a stream (expect it new); `upserts`: those that take it in any
    state; `mostly_new`: upserts whose stream is new but when their message came again,
    decided without reading the stream first (see `CommandHandler.handle`); every other
    command expects the stream to exist. `missing` = (what it is, the id's
    field) words that 404: "there is no park 'east'" with `park_id`, instead of the stream's name,
    and that 409 a second create: "there is a park 'east' already"."""

    def __init__(
        self,
        source: StoreSource,
        decider: Decider[C, S, E],
        *,
        stream: str | Callable[[str], str] | None = None,
        creates: Collection[type] = (),
        upserts: Collection[type] = (),
        mostly_new: Collection[type] = (),
        missing: tuple[str, str] | None = None,
    ) -> None:
        self._source = source
        self._missing = missing
        self.decider = decider
        self._stream = stream
        self._expects: dict[type, Expect] = {}
        self._expects.update((t, "new") for t in creates)
        self._expects.update((t, "any") for t in (*upserts, *mostly_new))
        self._mostly_new = frozenset(mostly_new)
        self._locks = StreamLocks()

    def stream_of(self, id_: str) -> str:
        if self._stream is None:
            return id_
        if isinstance(self._stream, str):
            return f"{self._stream}-{id_}"
        return self._stream(id_)

    def expects(self, command: C) -> Expect:
        return self._expects.get(type(command), "existing")

    def _handler(self) -> CommandHandler[C, S, E]:
        return CommandHandler(self._source.store, self._source.registry, self.decider, locks=self._locks)

    async def handle(
        self,
        id_: str,
        command: C,
        context: CommandContext | None = None,
        *,
        expected_version: int | None = None,
    ) -> Outcome[S, E]:
        """Runs `command` on the stream of `id_`, in the state its type expects."""
        absent = present = None
        if self._missing is not None:
            what, field = self._missing
            absent = NotFound(f"there is no {what} {id_!r}", **{field: id_})
            present = Conflict(f"there is a {what} {id_!r} already", **{field: id_})
        return await self._handler().handle(
            self.stream_of(id_),
            command,
            expect=self.expects(command),
            expected_version=expected_version,
            context=context,
            absent=absent,
            present=present,
            mostly_new=type(command) in self._mostly_new,
        )

    async def load(self, id_: str) -> tuple[S, int]:
        """The state of `id_` and its version (the initial state and 0 when it has no stream)."""
        return await self._handler().load(self.stream_of(id_))
