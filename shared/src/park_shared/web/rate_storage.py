"""Rate-limit counters in the service's own MongoDB database, so that every replica of a service
counts against one limit (web/rate_limits.py uses it when PARK_STORE=mongodb).

Why not the `limits` library's MongoDB storages: its async one needs Motor (end of life since
2026-05-14), and neither works on FerretDB 1.24 (measured: a TTL index, a findAndModify with a
projection and update pipelines are "not implemented yet"). This one is a `limits` async
storage for fixed windows on PyMongo's async API using only what FerretDB implements
atomically: an insert under the unique `_id`. FerretDB v1's updates, `$inc` and findAndModify
included, find the document and then write it by `_id` without checking again, so a counter
loses hits counted at once (200 hits counted through two replicas, eight at a time, came to
125 with a `find_one_and_update($inc)`).

A window of `expiry` seconds is the clock's: window w runs from w × expiry to (w + 1) × expiry.
Each hit is a document of its own, `{_id: "<key>|<w>|<n>", key, expires_at}`, where n is the
hit's number in its window, so the unique `_id` gives each number to one hit, on any replica.
A process numbers its hits on from the last number it took (its callers at once never meet);
one that finds its number taken (by another replica) counts the window's documents and goes on
past them. A hit numbered above `ceiling` (the highest limit in force) is refused whatever the
limit, so it is not written: a client flooding a route leaves at most `ceiling` documents a
window. Expired windows are swept now and then (no TTL index on FerretDB). FerretDB v1 holds
PostgreSQL connections for each request until it ends: a burst of public requests counted at
once could take its whole pool and wedge it (docs/performance.md), so one process writes at
most COUNTS_AT_ONCE at a time (on a MongoDB the gate costs no round trip)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from limits.aio.storage import Storage
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, PyMongoError

__all__ = ["COLLECTION", "MongoWindowStorage"]

COLLECTION = "rate_limits"
SWEEP_EVERY = 1000
COUNTS_AT_ONCE = 8


@dataclass(slots=True)
class _Window:
    """This process's numbering of a key's current window."""

    number: int  # w
    expires_at: float
    next_hit: int = 1


class MongoWindowStorage(Storage):
    """Fixed windows in `database()`'s collection `rate_limits`; hits above `ceiling` are not
    written (None: every hit is); `clock` gives the time in seconds since the epoch."""

    STORAGE_SCHEME = None

    def __init__(
        self,
        database: Callable[[], AsyncDatabase[dict[str, Any]]],
        ceiling: int | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self._database = database
        self._ceiling = ceiling
        self._clock = clock
        self._calls = 0
        self._gate = asyncio.Semaphore(COUNTS_AT_ONCE)
        self._windows: dict[str, _Window] = {}
        self._indexed = False

    @property
    def base_exceptions(self) -> type[Exception]:
        return PyMongoError

    def _hits(self) -> Any:
        return self._database()[COLLECTION]

    async def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = self._clock()
        self._calls += 1
        if self._calls % SWEEP_EVERY == 0:
            await self._sweep(now)
        if not self._indexed:
            await self._hits().create_index("key", name="by_key")
            self._indexed = True
        number = int(now // expiry)
        window = self._windows.get(key)
        if window is None or window.number != number:
            window = self._windows[key] = _Window(number, (number + 1) * expiry)
        count = 0
        for _ in range(amount):
            count = await self._hit(key, window)
        return count

    async def _hit(self, key: str, window: _Window) -> int:
        """Takes the next free number of the window for one hit; returns it."""
        while True:
            hit = window.next_hit
            window.next_hit += 1  # taken before any wait: this process's callers never meet
            if self._ceiling is not None and hit > self._ceiling:
                return hit
            doc = {"_id": f"{key}|{window.number}|{hit}", "key": key, "expires_at": window.expires_at}
            try:
                async with self._gate:
                    await self._hits().insert_one(doc)
                return hit
            except DuplicateKeyError:  # another replica's hit has this number: go on past theirs
                async with self._gate:
                    taken = await self._hits().count_documents({"key": key, "expires_at": window.expires_at})
                window.next_hit = max(window.next_hit, taken + 1)

    async def _sweep(self, now: float) -> None:
        await self._hits().delete_many({"expires_at": {"$lte": now}})
        for key in [key for key, window in self._windows.items() if window.expires_at <= now]:
            del self._windows[key]

    async def get(self, key: str) -> int:
        return int(await self._hits().count_documents({"key": key, "expires_at": {"$gt": self._clock()}}))

    async def get_expiry(self, key: str) -> float:
        found = await self._hits().find_one({"key": key, "expires_at": {"$gt": self._clock()}})
        return float(found["expires_at"]) if found is not None else self._clock()

    async def check(self) -> bool:
        await self._database().command("ping")
        return True

    async def reset(self) -> int | None:
        self._windows.clear()
        deleted = await self._hits().delete_many({})
        return int(deleted.deleted_count)

    async def clear(self, key: str) -> None:
        self._windows.pop(key, None)
        await self._hits().delete_many({"key": key})
