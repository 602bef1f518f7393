"""A service's application context, built once by its bootstrap: the aggregates bound to their
deciders and streams, the clock, and the one way to answer a command with its fresh result.
Each service subclasses it with its own aggregates as typed attributes; the API and the
reactions take it, never the runtime's parts one by one."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime
from typing import TypeVar

from pydantic import BaseModel

from park_shared.aggregate import Aggregate
from park_shared.decider import Decider
from park_shared.errors import Invalid, NotFound
from park_shared.handler import CommandContext
from park_shared.projections.port import Doc, ReadModelStore
from park_shared.runtime import Runtime

__all__ = ["Application"]

C = TypeVar("C")
S = TypeVar("S")
E = TypeVar("E", bound=BaseModel)


class Application:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def aggregate(
        self,
        decider: Decider[C, S, E],
        *,
        stream: str | Callable[[str], str] | None = None,
        creates: Collection[type] = (),
        upserts: Collection[type] = (),
        mostly_new: Collection[type] = (),
        missing: tuple[str, str] | None = None,
    ) -> Aggregate[C, S, E]:
        """Binds `decider` to its streams and to what each command expects (see Aggregate)."""
        return Aggregate(
            self.runtime, decider, stream=stream, creates=creates, upserts=upserts,
            mostly_new=mostly_new, missing=missing,
        )  # fmt: skip

    # -- the zone's time --------------------------------------------------------------------
    def now(self) -> datetime:
        return self.runtime.now()

    def today(self) -> date:
        return self.runtime.today()

    def park(self, park_id: str) -> str:
        """`park_id` when it is one of the zone's parks; else 422 naming park_id."""
        parks = self.runtime.settings.park_parks
        if park_id not in parks:
            raise Invalid(f"unknown park {park_id!r}; parks are {', '.join(parks)}", field="park_id")
        return park_id

    # -- reading what was written ------------------------------------------------------------
    async def read_models(self) -> ReadModelStore:
        """The read models, caught up with every stored event (read-your-writes)."""
        runner = self.runtime.projection_runner
        if runner is not None:
            await runner.catch_up()
        return self.runtime.read_models

    async def doc(self, collection: str, key: str) -> Doc | None:
        """One document of `collection`, fresh."""
        return await (await self.read_models()).get(collection, key)

    async def found(self, collection: str, key: str, missing: str, **names: str) -> Doc:
        """One document of `collection`, fresh; 404 saying `missing` when there is none, the
        problem naming the key as `names` say (`lead_id=...`)."""
        doc = await self.doc(collection, key)
        if doc is None:
            raise NotFound(missing, **names)
        return doc

    async def run_then_read(
        self,
        aggregate: Aggregate[C, S, E],
        id_: str,
        command: C,
        context: CommandContext,
        *,
        collection: str,
        key: str | None = None,
        expected_version: int | None = None,
    ) -> Doc:
        """Runs `command` on `id_`, then answers with the document it made or changed
        (`key`, or the id itself, in `collection`), read after the command's events."""
        await aggregate.handle(id_, command, context, expected_version=expected_version)
        return await self.found(collection, key or id_, f"{collection} has no {key or id_}")
