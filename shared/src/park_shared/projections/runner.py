"""Runs projections over the store's global order, in batches, with checkpoints."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Protocol

from pydantic import BaseModel

from park_shared.events import EventRegistry, RecordedEvent
from park_shared.projections.port import Change, Doc, ReadModelStore
from park_shared.store.appended import FollowDelay, Waker
from park_shared.store.port import EventStore

__all__ = ["Projection", "ProjectionRunner", "ProjectionView"]

log = logging.getLogger(__name__)


class ProjectionView:
    """What a projection sees while applying a batch: its pending writes over the store.

    A stored document written by an event at or after the one being applied already holds
    that event's effect (another process's runner, or this one before a crash, got there
    first): the projection reads it, but its writes to that document are dropped until the
    batch passes the document's position, so no event is applied to a document twice."""

    def __init__(self, store: ReadModelStore) -> None:
        self._store = store
        self._pending: dict[tuple[str, str], Change] = {}
        self._ahead: dict[tuple[str, str], int] = {}
        self.position = 0

    async def get(self, collection: str, key: str) -> Doc | None:
        change = self._pending.get((collection, key))
        if change is not None:
            return change.doc
        doc, written_at = await self._store.get_at(collection, key)
        if written_at >= self.position:
            self._ahead[(collection, key)] = written_at
        return doc

    def _applied_already(self, collection: str, key: str) -> bool:
        return self._ahead.get((collection, key), -1) >= self.position

    def put(self, collection: str, key: str, doc: Doc) -> None:
        if not self._applied_already(collection, key):
            self._pending[(collection, key)] = Change(collection, key, doc, self.position)

    def delete(self, collection: str, key: str) -> None:
        if not self._applied_already(collection, key):
            self._pending[(collection, key)] = Change(collection, key, None, self.position)

    def changes(self) -> list[Change]:
        return list(self._pending.values())


class Projection(Protocol):
    """A read model: its name, the collections it owns, and how an event changes them.
    Derive each document from events only, never from another document."""

    name: str
    collections: tuple[str, ...]

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None: ...


class ProjectionRunner:
    def __init__(
        self,
        store: EventStore,
        read_models: ReadModelStore,
        registry: EventRegistry,
        projections: Sequence[Projection],
        *,
        batch_size: int = 5000,
    ) -> None:
        self._store = store
        self._read_models = read_models
        self._registry = registry
        self._projections = list(projections)
        self._batch_size = batch_size
        self._lock = asyncio.Lock()
        self._known: dict[str, int] = {}
        """Each projection's checkpoint as this runner last read or wrote it (a lower bound:
        another process may have gone further; re-applying an event changes nothing)."""
        self._progress = asyncio.Event()
        """Set (and replaced) each time a pass has committed a batch, or ended."""

    def _reached(self, position: int) -> bool:
        """True when every projection has applied every event up to `position`."""
        known = self._known
        return len(known) == len(self._projections) and all(done >= position for done in known.values())

    async def catch_up(self) -> int:
        """Applies every event stored when it was called (read-your-writes); returns how many
        this call applied. Nothing to do costs one look at the store's end. A caller that
        finds a pass running waits for that pass's batches (each commit wakes it) only until
        its position is applied, not for the pass to reach a tip that other appends keep
        moving; a pass itself stops at the end its caller saw (the next one, or the runner's
        loop, goes on from there)."""
        target = await self._store.last_position()
        applied = 0
        while not self._reached(target):
            if self._lock.locked():
                await self._progress.wait()
                continue
            async with self._lock:
                known = dict(self._known)
                applied += await self._pass(target)
                if self._known == known and not self._reached(target):
                    break  # nothing to read up to `target`: no event lies there
        return applied

    async def _pass(self, target: int | None = None) -> int:
        """Batches up to `target` (None: until a read finds nothing); wakes the waiters after
        each commit, and at the end whether the pass went through or failed."""
        try:
            for projection in self._projections:
                if projection.name not in self._known:
                    self._known[projection.name] = await self._read_models.checkpoint(projection.name)
            applied = 0
            while target is None or not self._reached(target):
                batch = await self._store.read_all(min(self._known.values()), self._batch_size)
                if not batch:
                    break
                applied += await self._apply_batch(batch)
                self._woken()
            return applied
        finally:
            self._woken()

    def _woken(self) -> None:
        self._progress.set()
        self._progress = asyncio.Event()

    async def _apply_batch(self, batch: Sequence[RecordedEvent]) -> int:
        """One read batch to every projection: each event decoded once and applied to every
        projection not past it (each into its own view; the decoded event is not kept, so
        a large batch does not pile up objects for the garbage collector to scan), then all
        the projections' commits at once (on SQLite: one transaction and one fsync for the
        batch, not one per projection; each commit still writes its documents and its
        checkpoint together)."""
        due: list[tuple[Projection, ProjectionView, int]] = []
        for projection in self._projections:
            checkpoint = self._known[projection.name]
            if batch[-1].position > checkpoint:
                due.append((projection, ProjectionView(self._read_models), checkpoint))
        if not due:
            return 0
        counts = [0] * len(due)
        knows, decode = self._registry.knows, self._registry.decode
        if len(due) == 1:  # one projection behind (a rebuild, say): no inner loop
            projection, view, checkpoint = due[0]
            for record in batch:
                if record.position > checkpoint:
                    counts[0] += 1
                    view.position = record.position
                    if knows(record.type):
                        await projection.apply(decode(record.type, record.data), record, view)
        else:
            for record in batch:  # each event decoded once, dropped once every projection has it
                event = None
                for i, (projection, view, checkpoint) in enumerate(due):
                    if record.position <= checkpoint:
                        continue
                    counts[i] += 1
                    view.position = record.position
                    if event is None:
                        if not knows(record.type):
                            continue
                        event = decode(record.type, record.data)
                    await projection.apply(event, record, view)
        commits = [
            (projection, view.changes(), batch[-1].position, counts[i])
            for i, (projection, view, _) in enumerate(due)
        ]
        outcomes = await asyncio.gather(
            *(self._read_models.commit(p.name, changes, last) for p, changes, last, _ in commits),
            return_exceptions=True,
        )
        applied = 0
        for (projection, _, last, count), outcome in zip(commits, outcomes, strict=True):
            if not isinstance(outcome, BaseException):
                self._known[projection.name] = last
                applied += count
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        return applied

    async def rebuild(self, name: str | None = None) -> int:
        """Drops the read models (all, or one projection's) and builds them from event one."""
        async with self._lock:
            for projection in self._projections:
                if name is None or projection.name == name:
                    await self._read_models.reset(projection.name, projection.collections)
                    self._known[projection.name] = 0
            return await self._pass()

    async def run(self, idle_interval: float = 0.5, waker: Waker | None = None) -> None:
        """Catches up for good: idle, it looks again after 5 ms, then ever more slowly up to
        `idle_interval`; an append in this process (told through `waker`) ends the wait
        (`FollowDelay`). Each look lets the read models record that this process is alive; read
        models found dropped as a retired replica's are rebuilt."""
        waker = waker or Waker()
        delay = FollowDelay(idle_interval)
        woken = False  # this catch-up follows a wake by this process's append
        while True:
            waker.clear()
            try:
                if await self._read_models.beat():
                    await self.rebuild()
                applied = await self.catch_up()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("projection catch-up failed; retrying")
                await asyncio.sleep(1.0)
                continue
            woken = await waker.sleep(delay.after(applied > 0, woken))
