"""The read-model store port: keyed JSON documents per collection, checkpoints, and where replicas
share a database, each replica's set of read models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

__all__ = ["RETIRED_AFTER", "RETIRED_MINUTES", "Change", "Doc", "ReadModelStore", "ReplicaSet"]

Doc = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Change:
    """A document's new value (None deletes it), written by the event at `position`."""

    collection: str
    key: str
    doc: Doc | None
    position: int


RETIRED_AFTER = timedelta(minutes=10)
"""How long a replica's beat has been still before its read models may be dropped."""
RETIRED_MINUTES = RETIRED_AFTER // timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class ReplicaSet:
    """One replica's read models: its collections (checkpoints included), its last beat (None:
    it never beat) and whether it is this process's."""

    replica: str
    collections: tuple[str, ...]
    last_beat: datetime | None
    own: bool

    def retired(self, now: datetime) -> bool:
        return self.last_beat is not None and now - self.last_beat >= RETIRED_AFTER


class ReadModelStore(Protocol):
    """`commit` writes the changes and then the projection's checkpoint. Adapters without
    multi-document transactions write each document only if its stored position is lower,
    each change on its own (one refused as older holds back no other), so a batch replayed
    after a crash, or folded by another process too, leaves every document as the newer
    writer left it."""

    @property
    def shared_with(self) -> str | None:
        """Another live process folding events into the same documents as this one, where that
        loses updates (FerretDB: projections/fold_watch.py); else None."""
        ...

    async def get(self, collection: str, key: str) -> Doc | None: ...

    async def get_at(self, collection: str, key: str) -> tuple[Doc | None, int]:
        """The document and the position of the event that last wrote it (0 when there is
        none, or it was written outside a projection)."""
        ...

    async def find(
        self, collection: str, where: Mapping[str, Any] | None = None, *, limit: int = 10_000
    ) -> list[Doc]: ...

    async def commit(self, projection: str, changes: Sequence[Change], checkpoint: int) -> None: ...

    async def insert_if_absent(self, collection: str, key: str, doc: Doc) -> bool:
        """Writes `doc` unless the key has a document already (atomically: of two racing
        inserts one wins); True if this one was written. For state no projection owns."""
        ...

    async def remove(self, collection: str, key: str, where: Mapping[str, Any] | None = None) -> bool:
        """Deletes the document outright (only if its fields equal `where`, when given), leaving
        nothing behind, so a later `insert_if_absent` writes anew; True if one was deleted. For
        state no projection owns (a projection deletes by `commit`)."""
        ...

    async def checkpoint(self, projection: str) -> int: ...

    async def reset(self, projection: str, collections: Sequence[str]) -> None: ...

    async def beat(self) -> bool:
        """Records that this process is alive (at most every few seconds; the projection runner
        calls it as it follows the events), where replicas share a database. True once this
        replica's read models were found dropped as retired, until `reset`: to be rebuilt."""
        ...

    async def replica_sets(self) -> list[ReplicaSet]:
        """The read models of each replica of the service in this store (projections/
        replica_sets.py); none where a store is one process's alone."""
        ...

    async def drop_replica_set(self, replica: str) -> ReplicaSet:
        """Drops a retired replica's read models (NotFound: none; Conflict: not retired)."""
        ...
