"""The MongoDB event store (PyMongo's async API): one document per commit, no transactions.

The local server, FerretDB v1, has neither transactions nor change streams, and its updates
are read-modify-write (a `$inc` counter loses increments under concurrency), but it does
enforce unique indexes atomically. So every guarantee here rests on inserts alone:

- A commit is ONE document, `{_id: first position (fixed-width string), block, end: last
  position, stream, version: first version, last: last version, events, inbox}`: all or
  nothing. `events` is one binary value, the BSON of `{e: [[type, data, meta], ...]}` (data
  and meta are the JSON bytes): the server handles one value per commit instead of three per
  event (FerretDB v1 turned a 100-event commit into BSON three times slower as subdocuments).
  Commits written before, with `events: [{type, data, meta}]`, are read as they are.
- Streams and the global order are both chains. A commit at stream version v+1 goes in only
  when a commit ending at v exists (or v = 0), under the unique (stream, version): two
  appends at one expected version collide, a stale one cannot fit. Its first position is
  the global end + 1, under the unique `_id`: positions never overlap, and a position is
  written only after every earlier one, so `read_all` has no gaps to wait for.
- What this store has seen exist (the global end, stream heads) is cached: commits are never
  removed, so such a fact stays true, and a warm append is one insert. A collision tells a
  lost race (WrongExpectedVersion), a handled inbox key (AlreadyHandled), or another
  process's commit at that position (refresh the end, retry) apart.
- The inbox key lives in the commit under a unique index (a commit without one stores its
  first position as an int, never equal to a string key). A key with no events is a marker
  document in the same collection: `stream` None, no positions.
- Every hot query is an equality a MongoDB answers from an index and FerretDB v1 on
  PostgreSQL pushes down to SQL (it pushes no range, sort or limit beside a filter): a
  stream's read `{stream}` (index stream_version), an inbox check `{inbox}` (index inbox), a
  cursor `{_id}`, and the global read by a position range within a `block` (a commit's first
  position // BLOCK): `{block, end: {$gt: after}}` sorted by `end` (index block_end), one
  round trip per block instead of one per commit. See docs/performance.md.
- On FerretDB, whose block read decodes every commit of the block to filter and sort the
  rest, a read from a commit end this process has seen and the look for the global end ask
  first for the next commits by `_id` (the next commit starts at the end + 1), up to
  CHAIN_STEPS of them, then read by block: a read at the tip costs FerretDB one `_id` lookup
  instead of decoding a whole block. A MongoDB reads by block as before (no extra trip).
- A stream this process has read or written is kept (up to STREAM_EVENTS_CACHED events, the
  least recently used dropped first): a cached stream is always a true prefix of the stream
  (commits are never removed or changed), so its read asks only whether the commit after it
  exists (`{stream, version: last + 1}`, the same index; an empty answer) and fetches the
  whole stream again only when it does. Other processes' appends are seen as before: the
  read is still a round trip, only the stream's events no longer travel when unchanged.
- `last_position` (every read-your-writes catch-up, every GET's) asks the server, but callers
  that ask while a look is in flight share the next look, which starts after the one in
  flight ends: each caller's answer comes from a look that began after it asked (so it holds
  every commit answered before, in any process), and sixteen callers at once cost two looks
  instead of sixteen.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import bson
from bson import Binary
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError, DuplicateKeyError

from park_shared.errors import AlreadyHandled, WrongExpectedVersion
from park_shared.events import NewEvent, RecordedEvent
from park_shared.mongo_db import DUPLICATE_KEY, upsert

__all__ = ["MongoEventStore"]

Doc = dict[str, Any]
MAX_ATTEMPTS = 100
HEADS_CACHED = 100_000
BLOCK = 256  # positions per block: a global read returns at most the rest of one block
# every find asks for its whole answer in the first batch: no getMore round trip, and no
# server cursor left open (FerretDB holds a PostgreSQL connection per open cursor: cursors
# of killed clients once exhausted its pool and wedged it)
ONE_BATCH = 10_000
GROUP_MAX = 64  # appends written by one insert_many at most
STREAM_EVENTS_CACHED = 50_000  # events of recently read or written streams kept in memory
CLOSE_WAIT = 5.0  # seconds `close` waits for the appends in flight
CHAIN_STEPS = 8  # on FerretDB: commits after a known end looked up by `_id` before a block read
RECENT_COMMITS = 1024  # on FerretDB: commits last written or read, kept for the reads at the tip


@dataclass
class _Pending:
    """An append waiting for the process's writer."""

    stream_id: str
    events: Sequence[NewEvent]
    expected: int
    inbox: str | None
    done: asyncio.Future[int] = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    attempts: int = 0


def _commit(stream_id: str, events: Sequence[NewEvent], expected: int, first: int, inbox: str | None) -> Doc:
    return {
        "_id": _key(first),
        "block": first // BLOCK,
        "end": first + len(events) - 1,
        "stream": stream_id,
        "version": expected + 1,
        "last": expected + len(events),
        "events": Binary(bson.encode({"e": [[e.type, e.data, e.meta.to_json()] for e in events]})),
        "inbox": first if inbox is None else inbox,
    }


def _key(position: int) -> str:
    """A commit's `_id`: its first position as a fixed-width string (sorts as the number)."""
    return f"{position:015d}"


def _fills_its_block(doc: Doc) -> bool:
    """True when the commit after `doc` starts in a later block than `doc`."""
    return (int(doc["end"]) + 1) // BLOCK > int(doc["block"])


def _unpack(events: Any) -> list[tuple[str, bytes, bytes]]:
    """A commit's events as (type, data, meta): one binary value, or (a commit written before
    it was one) a list of `{type, data, meta}` documents."""
    if isinstance(events, bytes):  # bson.Binary of subtype 0 is read back as bytes
        return [(t, bytes(d), bytes(m)) for t, d, m in bson.decode(events)["e"]]
    return [(e["type"], e["data"], e["meta"]) for e in events]


def _records(doc: Doc) -> list[RecordedEvent]:
    first, stream, version = int(doc["_id"]), doc["stream"], doc["version"]
    return [
        RecordedEvent(first + i, stream, version + i, type_, data, meta)
        for i, (type_, data, meta) in enumerate(_unpack(doc["events"]))
    ]


class MongoEventStore:
    """One service's database; `open` creates the client and the indexes (else call
    `create_indexes` once). Appends of one process share one chain: one writer task puts
    the appends that wait in as one ordered `insert_many` (a group commit)."""

    def __init__(self, database: AsyncDatabase[Doc], *, owns_client: bool = False) -> None:
        self.database = database
        self._commits = database["commits"]
        self._cursors = database["cursors"]
        self._owns_client = owns_client
        self._queue: list[_Pending] = []
        self._writer: asyncio.Task[None] | None = None
        self._end: int | None = None
        self._heads: dict[str, int] = {}
        self._ends: set[int] = set()
        self._streams: OrderedDict[str, list[RecordedEvent]] = OrderedDict()
        self._streams_size = 0
        self._recent: OrderedDict[int, Doc] = OrderedDict()  # first position -> commit (FerretDB)
        self.ferretdb: bool | None = None  # the server is FerretDB (learnt by `open`)
        self._next_look: asyncio.Future[int] | None = None  # the look the callers waiting share
        self._looking: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, uri: str, database: str) -> MongoEventStore:
        # fail within seconds while the server is away, so /ready and retries answer quickly
        client: AsyncMongoClient[Doc] = AsyncMongoClient(uri, serverSelectionTimeoutMS=5000)
        store = cls(client[database], owns_client=True)
        try:
            # is the server FerretDB (the read models' writes go another way there): asked
            # together with the indexes, so a MongoDB waits no longer at open
            info, _ = await asyncio.gather(client.admin.command("buildInfo"), store.create_indexes())
            store.ferretdb = "ferretdbVersion" in info
        except BaseException:
            await client.close()
            raise
        return store

    async def create_indexes(self) -> None:
        await self._commits.create_index([("stream", 1), ("version", 1)], unique=True, name="stream_version")
        await self._commits.create_index("inbox", unique=True, name="inbox")
        await self._commits.create_index("end", name="end")
        await self._commits.create_index([("block", 1), ("end", 1)], name="block_end")

    async def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: int,
        *,
        inbox_key: str | None = None,
    ) -> int:
        if not events:
            return await self._append_nothing(stream_id, expected_version, inbox_key)
        await self._check_version(stream_id, expected_version)
        pending = _Pending(stream_id, events, expected_version, inbox_key)
        self._queue.append(pending)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_queued())
        # a caller that gives up does not stop the writer (its append may still go in)
        return await asyncio.shield(pending.done)

    async def _write_queued(self) -> None:
        """The process's one writer: the appends that queued while the last insert was in
        flight go in as one ordered `insert_many` (a group commit: one durable write for many
        commands), at consecutive positions of the chain."""
        while self._queue:
            batch, self._queue = self._queue[:GROUP_MAX], self._queue[GROUP_MAX:]
            try:
                retry = await self._write(batch)
            except BaseException as exc:  # the batch's outcome is unknown: each caller hears it
                for p in batch:
                    if not p.done.done():
                        p.done.set_exception(exc)
                self._end = None  # some may be in: the next append looks for the end again
                if not isinstance(exc, Exception):
                    raise
                continue
            self._queue[:0] = retry

    async def _write(self, batch: list[_Pending]) -> list[_Pending]:
        """Inserts ``batch`` in order and answers each caller written or refused; returns the
        appends to try again at later positions (another process's commit took one)."""
        first = (self._end if self._end is not None else await self._tip()) + 1
        docs = []
        for p in batch:
            docs.append(_commit(p.stream_id, p.events, p.expected, first, p.inbox))
            first = docs[-1]["end"] + 1
        refused: BulkWriteError | None = None
        try:
            await self._commits.insert_many(docs, ordered=True)
            written = len(docs)
        except BulkWriteError as exc:
            refused, written = exc, int(exc.details.get("nInserted", 0))
        for p, doc in zip(batch[:written], docs[:written], strict=True):
            self._keep_recent(doc)
            end = int(doc["end"])
            self._seen_end(end)
            self._remember_end(end)
            self._learn(p.stream_id, int(doc["last"]))
            self._extend_cached(p.stream_id, p.expected, doc)
            p.done.set_result(int(doc["last"]))
        if refused is None:
            return []
        error = (refused.details.get("writeErrors") or [{}])[0]
        if error.get("code") != DUPLICATE_KEY or error.get("index") != written:
            raise refused
        failed = batch[written]
        try:
            await self._explain_collision(failed.stream_id, failed.expected, failed.inbox)
        except (AlreadyHandled, WrongExpectedVersion) as exc:
            failed.done.set_exception(exc)
            return batch[written + 1 :]
        # another process's commit holds that position: follow the end, then try again
        failed.attempts += 1
        if failed.attempts >= MAX_ATTEMPTS:
            why = f"no free position for {failed.stream_id} after {MAX_ATTEMPTS} attempts"
            failed.done.set_exception(RuntimeError(why))
            return batch[written + 1 :]
        await self._tip()
        return batch[written:]

    def _remember_end(self, end: int) -> None:
        if len(self._ends) >= HEADS_CACHED:
            self._ends.clear()
        self._ends.add(end)

    async def _explain_collision(self, stream_id: str, expected: int, inbox_key: str | None) -> None:
        if inbox_key is not None and await self.is_handled(inbox_key):
            raise AlreadyHandled(inbox_key)
        await self._check_version(stream_id, expected, known=False)

    async def _check_version(self, stream_id: str, expected: int, *, known: bool = True) -> None:
        """Passes when the stream is at `expected`: from the cache (a commit ending there
        exists; a successor would collide) or else from the stream's last commit."""
        if known and self._heads.get(stream_id, 0) == expected:
            return
        actual = await self._head(stream_id)
        self._learn(stream_id, actual)
        if actual != expected:
            raise WrongExpectedVersion(stream_id, expected, actual)

    async def _append_nothing(self, stream_id: str, expected: int, inbox_key: str | None) -> int:
        if inbox_key is not None and await self.is_handled(inbox_key):
            raise AlreadyHandled(inbox_key)
        await self._check_version(stream_id, expected, known=False)
        if inbox_key is not None:
            try:
                await self._commits.insert_one({"stream": None, "version": inbox_key, "inbox": inbox_key})
            except DuplicateKeyError:
                raise AlreadyHandled(inbox_key) from None
        return expected

    async def _head(self, stream_id: str) -> int:
        doc = await self._commits.find_one({"stream": stream_id}, {"last": 1}, sort=[("version", -1)])
        return int(doc["last"]) if doc else 0

    async def _tip(self) -> int:
        """The global end: found once by a scan, then followed block by block (the last
        commit of the block after the known end; the next block when that one is full)."""
        end = self._end if self._end is not None else await self._scan_last_position()
        if self.ferretdb:  # the next commits by `_id` first (see `_chain_after`)
            asked = 0
            while asked < CHAIN_STEPS:
                doc = self._recent.get(end + 1)
                if doc is None:
                    asked += 1
                    doc = await self._commits.find_one({"_id": _key(end + 1)})
                    if doc is None:
                        return self._seen_end(end)
                    self._keep_recent(doc)
                end = int(doc["end"])
        while True:
            block = (end + 1) // BLOCK
            query = {"block": block, "end": {"$gt": end}}
            doc = await self._commits.find_one(query, {"end": 1}, sort=[("end", -1)])
            if doc is None:
                return self._seen_end(end)
            end = int(doc["end"])
            if (end + 1) // BLOCK == block:
                return self._seen_end(end)

    def _seen_end(self, end: int) -> int:
        """The known end moves forward only: an append and a walk to the tip that overlap each
        saw an end that was true when they saw it, and the one that finishes last may hold the
        lower one (a catch-up aimed at it would stop short of a write already answered)."""
        if self._end is None or end > self._end:
            self._end = end
        return self._end

    def _learn(self, stream_id: str, version: int) -> None:
        if len(self._heads) >= HEADS_CACHED:
            self._heads.clear()
        if version > self._heads.get(stream_id, 0):
            self._heads[stream_id] = version

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]:
        cached = self._streams.get(stream_id)
        if cached:
            after = {"stream": stream_id, "version": cached[-1].version + 1}
            if await self._commits.find_one(after, {"_id": 1}) is None:
                self._streams.move_to_end(stream_id)
                self._learn(stream_id, cached[-1].version)
                return list(cached)
        cursor = self._commits.find({"stream": stream_id}, sort=[("version", 1)], batch_size=ONE_BATCH)
        docs = await cursor.to_list()
        records = [r for doc in docs for r in _records(doc)]
        if records:
            self._learn(stream_id, records[-1].version)
            self._cache(stream_id, records)
        return list(records)  # the cached list is never handed out

    def _cache(self, stream_id: str, records: list[RecordedEvent]) -> None:
        """Keeps ``records`` (the whole stream as read or written) as the stream's prefix."""
        old = self._streams.pop(stream_id, None)
        self._streams_size -= len(old) if old else 0
        if len(records) > STREAM_EVENTS_CACHED:
            return
        self._streams[stream_id] = records
        self._streams_size += len(records)
        while self._streams_size > STREAM_EVENTS_CACHED:
            _, dropped = self._streams.popitem(last=False)
            self._streams_size -= len(dropped)

    def _extend_cached(self, stream_id: str, expected: int, doc: Doc) -> None:
        """After this process's append: the cached prefix grows when the commit follows it
        (or starts the stream); else the cache is left as it is (the next read checks it)."""
        cached = self._streams.get(stream_id, [])
        if (cached[-1].version if cached else 0) == expected:
            self._cache(stream_id, cached + _records(doc))

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        """Whole commits after `after`, a block at a time: the next block is asked for only
        while the last one was full and `limit` is not reached (no extra trip at the tip). A
        position inside a commit (not a known commit end) is looked up by `end` (rarer, slower)."""
        if self.ferretdb and (after == 0 or after in self._ends):
            docs, at_tip = await self._chain_after(after, limit)
            if at_tip:
                return [r for doc in docs for r in _records(doc)]
            if len(docs) < limit and not (docs and _fills_its_block(docs[-1])):
                docs += await self._block_after(int(docs[-1]["end"]), limit - len(docs))
        else:
            docs = await self._block_after(after, limit)
            if (not docs or int(docs[0]["_id"]) != after + 1) and after not in self._ends and after != 0:
                return await self._read_all_from_inside_a_commit(after, limit)
        while docs and len(docs) < limit and _fills_its_block(docs[-1]):
            more = await self._block_after(int(docs[-1]["end"]), limit - len(docs))
            if not more:
                break
            docs += more
        return [r for doc in docs for r in _records(doc) if r.position > after]

    async def _chain_after(self, after: int, limit: int) -> tuple[list[Doc], bool]:
        """On FerretDB: up to CHAIN_STEPS commits after `after` (a commit's end), each by its
        `_id` (the next commit starts at the end + 1); True when the tip was reached. FerretDB
        v1 pushes only the `block` equality of a block read down to PostgreSQL and decodes
        every commit of the block to filter and sort the rest (13 ms of its CPU and 48 ms for
        a read at the tip of a block of 200 commits, against 0.55 ms and 1.7 ms for one
        `_id`: docs/performance.md), and most reads (a pass's last look, an idle relay or
        runner) find nothing or a few commits. The last RECENT_COMMITS commits this process
        wrote or read are taken from memory: a pass after this process's appends asks only
        whether the commit after them exists."""
        docs: list[Doc] = []
        asked = 0
        while len(docs) < limit:
            doc = self._recent.get(after + 1)  # a commit this process wrote or read lately
            if doc is None:
                if asked == CHAIN_STEPS:
                    break
                asked += 1
                doc = await self._commits.find_one({"_id": _key(after + 1)})
                if doc is None:
                    return docs, True
                self._keep_recent(doc)
            after = int(doc["end"])
            self._remember_end(after)
            docs.append(doc)
        return docs, False

    def _keep_recent(self, doc: Doc) -> None:
        """Keeps a commit written or read on FerretDB (commits never change)."""
        if self.ferretdb:
            self._recent[int(doc["_id"])] = doc
            if len(self._recent) > RECENT_COMMITS:
                self._recent.popitem(last=False)

    async def _block_after(self, after: int, limit: int) -> list[Doc]:
        query = {"block": (after + 1) // BLOCK, "end": {"$gt": after}}
        docs = await self._commits.find(query, sort=[("end", 1)], limit=limit, batch_size=limit).to_list()
        for doc in docs:
            self._remember_end(int(doc["end"]))
        return docs

    async def _read_all_from_inside_a_commit(self, after: int, limit: int) -> list[RecordedEvent]:
        query = {"end": {"$gt": after}}
        docs = await self._commits.find(query, sort=[("end", 1)], limit=limit, batch_size=limit).to_list()
        for d in docs:
            self._remember_end(int(d["end"]))
        if not docs or int(docs[0]["_id"]) == after + 1:
            self._remember_end(after)  # nothing straddles `after`: it ends a commit (or the log)
        return [r for doc in docs for r in _records(doc) if r.position > after]

    async def last_position(self) -> int:
        """The global end, from a look at the server that starts after this call (shared with
        the other callers that ask before it starts: see the module's note)."""
        if self._next_look is None:
            self._next_look = asyncio.get_running_loop().create_future()
        look = self._next_look
        if self._looking is None or self._looking.done():
            self._looking = asyncio.create_task(self._look_for_the_end())
        # a caller that gives up leaves the look to the others
        return await asyncio.shield(look)

    async def _look_for_the_end(self) -> None:
        """Looks as long as callers wait: each look answers those that asked before it began."""
        while (look := self._next_look) is not None:
            self._next_look = None
            try:
                end = await self._tip()
            except BaseException as exc:
                look.set_exception(exc)
                look.exception()  # retrieved: a look nobody awaits any more is no error
                if not isinstance(exc, Exception):
                    raise
                continue
            look.set_result(end)

    async def _scan_last_position(self) -> int:
        doc = await self._commits.find_one({"end": {"$gte": 0}}, {"end": 1}, sort=[("end", -1)])
        return int(doc["end"]) if doc else 0

    async def is_handled(self, inbox_key: str) -> bool:
        return await self._commits.find_one({"inbox": inbox_key}, {"_id": 1}) is not None

    async def get_cursor(self, name: str) -> int:
        doc = await self._cursors.find_one({"_id": name})
        return int(doc["position"]) if doc else 0

    async def set_cursor(self, name: str, position: int) -> None:
        await upsert(self._cursors, {"_id": name}, {"$max": {"position": position}})

    async def ping(self) -> None:
        await self.database.command("ping")

    async def close(self) -> None:
        if self._looking is not None:
            self._looking.cancel()
        if self._writer is not None and not self._writer.done():
            # the appends already handed over finish first, unless the server does not answer
            await asyncio.wait({self._writer}, timeout=CLOSE_WAIT)
        if self._owns_client:
            await self.database.client.close()
