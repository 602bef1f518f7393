"""Read models in MongoDB: a collection per read-model collection (`rm_<name>`), documents
keyed by `_id`, and one checkpoint per projection.

Without multi-document transactions, each document carries `_pos`, the position of the event
that wrote it, and a change is written only over an older document: a batch replayed after a
crash between its documents and its checkpoint leaves every document as the newer writer left
it. Each statement stands alone: a stale one is refused (a duplicate key: "the stored document
is newer", expected) and every other change of the batch is still written.

That guard is atomic on a MongoDB, not on FerretDB v1, whose update finds the document and
then writes it by `_id` unconditionally: two processes writing one document by turns (600
writes) had a reader see it go back 20 times in 600 reads, and a fold that reads such a
document bakes the lost event in. So the replicas of a service on one database (PARK_REPLICA)
each keep the collections their projections own, and their checkpoints, under names of their
own (`rm-<replica>_<name>`, `checkpoints-<replica>`); every other collection (the keyring,
revoked tokens) stays shared. Two processes folding under one name are told apart and
reported (fold_watch).

A deleted document stays as a tombstone `{_id, _pos, _gone: true}` that every read skips, so an
older upsert replayed after the delete loses to it as to any newer document (a removed
document left nothing to compare with, and the replay brought it back). The writes go as raw
`update` commands, one round trip per collection: FerretDB v1 answers an update with write
errors without `nModified`, which PyMongo's `bulk_write` cannot parse.

FerretDB v1 (on PostgreSQL) keeps, for each statement of an `update` command that matches a
document, the PostgreSQL connection of its query until the whole command ends, and takes one
more for the statement's write: a command of k matching statements needs k + 1 connections
at once, and commands that together hold the whole pool while each waits for one more never
finish; every later request, `ping` included, then waits for a connection for good (the
"wedged" FerretDB: docs/performance.md, bench/ferretdb_leak.py). So on FerretDB each update
statement goes as a command of its own (FerretDB runs a command's statements one after
another anyway, each its own query and transaction), and at most WRITES_AT_ONCE write
commands of this process's read models are in flight: at most 2 connections each. FerretDB v1
also ends a command at its first write error, even an unordered one (a MongoDB goes on): with
one statement per command, a stale statement holds back no other. (The statements after a
stale one were once not sent, which kept a deleted document deleted when an older batch was
replayed after it; but with two processes folding one database, a document of this process's
own command that came after one the other process had written first was then never written
while the checkpoint moved on, and the command's read-your-writes read found nothing. The
tombstones keep a deleted document deleted instead.) Whether the server is FerretDB is known
from `buildInfo` (`ferretdbVersion`): MongoEventStore.open asks it together with making its
indexes (backends passes it here), else it is asked once before the first write. A MongoDB
keeps CHUNK statements per command and no gate.

A projection's checkpoint is written at most once per CHECKPOINT_SECONDS, or when it has gone
CHECKPOINT_LAG positions past the one last written, not on every commit: every document
carries the position that wrote it, so the checkpoint is only where a restarted runner starts
reading again (a lower bound; re-applying an event changes nothing), and a write per
projection per pass was the largest share of a pass's round trips on FerretDB (12 durable
`update`s per pass in headquarters for one changed document: docs/performance.md). This
process answers `checkpoint` with what it committed, written or not; another process, or this
one after a restart, reads the last one written and replays at most CHECKPOINT_LAG positions
or CHECKPOINT_SECONDS of events, which changes nothing. The first checkpoint of a projection
this process has not read or written is always written.

Lookups are equalities: `get` and the checkpoints by `_id`, and `find` by the fields a reader
names, for which an index is made the first time this process asks (once per collection and
set of fields: a MongoDB then answers from it; FerretDB v1 on PostgreSQL pushes the equality
down to SQL either way), the tombstones left out by the server (`_gone` absent).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, OperationFailure

from park_shared.mongo_db import DUPLICATE_KEY, upsert
from park_shared.projections.fold_watch import FOLDERS, FoldWatch, utc_now
from park_shared.projections.port import Change, Doc, ReplicaSet
from park_shared.projections.replica_sets import (
    PREFIX,
    checkpoints_name,
    drop_replica_set,
    private_name,
    replica_sets,
)

__all__ = ["MongoReadModels"]

log = logging.getLogger(__name__)

CHUNK = 500  # statements per update command on a MongoDB
WRITES_AT_ONCE = 8  # on FerretDB: write commands of one process's read models in flight at most
CHECKPOINT_SECONDS = 10.0  # a projection's checkpoint is written at most this often ...
CHECKPOINT_LAG = 1000  # ... unless it is this many positions past the one last written


GONE = "_gone"  # a tombstone's mark (see the module's note)
LIVE = {GONE: {"$exists": False}}


def _public(doc: Doc) -> Doc:
    return {k: v for k, v in doc.items() if k not in ("_id", "_pos", GONE)}


def _check(reply: Mapping[str, Any]) -> None:
    """Raises on any write error but a duplicate key (an upsert under a newer document)."""
    for error in reply.get("writeErrors", []):
        if error.get("code") != DUPLICATE_KEY:
            raise OperationFailure(error.get("errmsg", "write error"), error.get("code"), dict(reply))
    if concern := reply.get("writeConcernError"):
        raise OperationFailure(concern.get("errmsg", "write concern error"), concern.get("code"), dict(reply))


def _ops(changes: Sequence[Change]) -> list[Doc]:
    """One upsert per change, over an older document only: the new document, or the tombstone
    of a deleted one."""
    return [
        {
            "q": {"_id": c.key, "_pos": {"$lt": c.position}},
            "u": {"_pos": c.position, GONE: True} if c.doc is None else {**c.doc, "_pos": c.position},
            "upsert": True,
        }
        for c in changes
    ]


async def is_ferretdb(database: AsyncDatabase[Doc]) -> bool:
    """True when the server is FerretDB (its `buildInfo` names its version)."""
    info = await database.client.admin.command("buildInfo")
    return "ferretdbVersion" in info


class MongoReadModels:
    """``ferretdb``: whether the server is FerretDB (None: ask it once, before the first write).
    ``replica`` with ``private``: this process's name among the replicas of its service on one
    database, and the collections its projections own; those and its checkpoints are its own
    (`rm-<replica>_<collection>`, `checkpoints-<replica>`), every other collection is shared.
    ``clock``: the monotonic seconds its timings read (checkpoints' spacing, fold_watch's beats);
    ``wall_clock``: the time a beat records, and against which a replica's last beat is aged."""

    def __init__(
        self,
        database: AsyncDatabase[Doc],
        *,
        ferretdb: bool | None = None,
        replica: str = "",
        private: Collection[str] = (),
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.database = database
        self._clock = clock
        self._wall_clock = wall_clock
        self._replica = replica
        self._names = {name: private_name(replica, name) for name in private}
        self._checkpoints = database[checkpoints_name(replica)]
        self._watch = FoldWatch(database[FOLDERS], replica, clock, wall_clock)
        self._dropped = False  # this replica's set was dropped: to be rebuilt (reset clears it)
        self._indexed: set[tuple[str, tuple[str, ...]]] = set()
        self._ferretdb = ferretdb
        self._gate = asyncio.Semaphore(WRITES_AT_ONCE)
        self._written: dict[str, tuple[int, float]] = {}  # checkpoint last written or read, and when
        self._committed: dict[str, int] = {}  # checkpoint last committed by this process

    def _name(self, collection: str) -> str:
        return self._names.get(collection) or PREFIX + collection

    def _collection(self, collection: str) -> AsyncCollection[Doc]:
        return self.database[self._name(collection)]

    async def _on_ferretdb(self) -> bool:
        if self._ferretdb is None:
            self._ferretdb = await is_ferretdb(self.database)
        return self._ferretdb

    async def _writing(self) -> contextlib.AbstractAsyncContextManager[Any]:
        """The gate a write command passes: WRITES_AT_ONCE at a time on FerretDB, else none."""
        return self._gate if await self._on_ferretdb() else contextlib.nullcontext()

    async def get(self, collection: str, key: str) -> Doc | None:
        doc, _ = await self.get_at(collection, key)
        return doc

    async def get_at(self, collection: str, key: str) -> tuple[Doc | None, int]:
        """A tombstone answers None with the position of the delete."""
        doc = await self._collection(collection).find_one({"_id": key})
        if doc is None:
            return None, 0
        return (None if doc.get(GONE) else _public(doc)), int(doc.get("_pos", 0))

    async def find(
        self, collection: str, where: Mapping[str, Any] | None = None, *, limit: int = 10_000
    ) -> list[Doc]:
        if where:
            await self._index(collection, tuple(sorted(where)))
        # the whole answer in the first batch: no getMore, no server cursor left open
        cursor = self._collection(collection).find(
            {**(where or {}), **LIVE}, sort=[("_id", 1)], limit=limit, batch_size=limit
        )
        return [_public(doc) for doc in await cursor.to_list()]

    async def _index(self, collection: str, fields: tuple[str, ...]) -> None:
        if (collection, fields) not in self._indexed:
            keys = [(field, 1) for field in fields]
            await self._collection(collection).create_index(keys, name="by_" + "_".join(fields))
            self._indexed.add((collection, fields))

    @property
    def shared_with(self) -> str | None:
        """On FerretDB, another live process folding under this one's replica name (fold_watch)."""
        return self._watch.shared_with

    async def beat(self) -> bool:
        if await self._watch.beat(watch=await self._on_ferretdb()):
            log.error(
                "the read models of replica %r were dropped as retired while this process ran or "
                "before it started; they are rebuilt from the first event",
                self._replica,
            )
            self._dropped = True
        return self._dropped

    async def replica_sets(self) -> list[ReplicaSet]:
        return await replica_sets(self.database, self._replica, self._names)

    async def drop_replica_set(self, replica: str) -> ReplicaSet:
        return await drop_replica_set(self.database, replica, self._replica, self._names, self._wall_clock())

    async def commit(self, projection: str, changes: Sequence[Change], checkpoint: int) -> None:
        await self.beat()
        by_collection: dict[str, list[Change]] = {}
        for change in changes:
            by_collection.setdefault(change.collection, []).append(change)
        for collection, batch in by_collection.items():
            await self._run(collection, _ops(batch))
        self._committed[projection] = max(checkpoint, self._committed.get(projection, 0))
        written = self._written.get(projection)
        if written is not None:
            position, at = written
            if checkpoint - position < CHECKPOINT_LAG and self._clock() - at < CHECKPOINT_SECONDS:
                return  # written later (see the module's note)
        await self._checkpoint(projection, checkpoint)
        self._written[projection] = (checkpoint, self._clock())

    async def _checkpoint(self, projection: str, checkpoint: int) -> None:
        async with await self._writing():
            await upsert(self._checkpoints, {"_id": projection}, {"$set": {"position": checkpoint}})

    async def _run(self, collection: str, ops: list[Doc]) -> None:
        if not await self._on_ferretdb():
            for i in range(0, len(ops), CHUNK):
                reply = await self.database.command(
                    {"update": self._name(collection), "updates": ops[i : i + CHUNK], "ordered": False}
                )
                _check(reply)
            return
        # FerretDB: one statement per command (see the module's note); a stale one is refused
        # alone, the statements after it are still sent
        for op in ops:
            async with self._gate:
                reply = await self.database.command({"update": self._name(collection), "updates": [op]})
            _check(reply)

    async def insert_if_absent(self, collection: str, key: str, doc: Doc) -> bool:
        """One insert: the server's unique `_id` decides between racing callers (the only
        compare-and-set FerretDB v1 has: its updates find a document, then write it by `_id`
        without checking the filter again). A collection no projection writes has no tombstones:
        its documents are deleted by `remove`."""
        try:
            await self._collection(collection).insert_one({**doc, "_id": key, "_pos": 0})
        except DuplicateKeyError:
            return False
        return True

    async def remove(self, collection: str, key: str, where: Mapping[str, Any] | None = None) -> bool:
        removed = await self._collection(collection).delete_one({**(where or {}), "_id": key})
        return removed.deleted_count == 1

    async def checkpoint(self, projection: str) -> int:
        """The last one written, or, when higher, the last one this process committed."""
        doc = await self._checkpoints.find_one({"_id": projection})
        stored = int(doc["position"]) if doc else 0
        if projection not in self._written:
            self._written[projection] = (stored, self._clock())
        return max(stored, self._committed.get(projection, 0))

    async def reset(self, projection: str, collections: Sequence[str]) -> None:
        self._dropped = False
        for collection in collections:
            await self._collection(collection).drop()
        await self._checkpoints.delete_one({"_id": projection})
        self._written.pop(projection, None)
        self._committed.pop(projection, None)
