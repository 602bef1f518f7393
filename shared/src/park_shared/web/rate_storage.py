"""Rate-limit counters in the service's own MongoDB database, so that every replica of a service
counts against one limit (web/rate_limits.py uses it when PARK_STORE=mongodb).

Why not the `limits` library's MongoDB storages: its async one needs Motor (end of life since
2026-05-14), and neither works on FerretDB 1.24 (measured: a TTL index, a findAndModify with a
projection and update pipelines are "not implemented yet"). This one is a `limits` async
storage for fixed windows on PyMongo's async API using only what FerretDB implements: one
document per key and window, ``{_id, count, expires_at}``, counted by an atomic
``find_one_and_update($inc)``; an expired window is restarted by a conditional update (of two
replicas restarting it, one wins and the other counts in its window). Expired documents are
reused by their key's next window and swept now and then (no TTL index on FerretDB).
FerretDB v1 holds two PostgreSQL connections for each `find_one_and_update` that matches until
it ends: a burst of public requests counted at once could take its whole pool and wedge it
(docs/performance.md), so one process counts at most COUNTS_AT_ONCE at a time (on a MongoDB a
count is one short write: the gate costs no round trip)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from limits.aio.storage import Storage
from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, PyMongoError

__all__ = ["COLLECTION", "MongoWindowStorage"]

COLLECTION = "rate_limits"
SWEEP_EVERY = 1000
COUNTS_AT_ONCE = 8


class MongoWindowStorage(Storage):
    """Fixed-window counters in `database()`'s collection `rate_limits`."""

    STORAGE_SCHEME = None

    def __init__(self, database: Callable[[], AsyncDatabase[dict[str, Any]]]) -> None:
        super().__init__()
        self._database = database
        self._calls = 0
        self._gate = asyncio.Semaphore(COUNTS_AT_ONCE)

    @property
    def base_exceptions(self) -> type[Exception]:
        return PyMongoError

    def _windows(self) -> Any:
        return self._database()[COLLECTION]

    async def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        async with self._gate:
            return await self._count(key, expiry, amount)

    async def _count(self, key: str, expiry: int, amount: int) -> int:
        windows, now = self._windows(), time.time()
        self._calls += 1
        if self._calls % SWEEP_EVERY == 0:
            await windows.delete_many({"expires_at": {"$lt": now - 3600}})
        while True:
            counted = await windows.find_one_and_update(
                {"_id": key, "expires_at": {"$gt": now}},
                {"$inc": {"count": amount}},
                return_document=ReturnDocument.AFTER,
            )
            if counted is not None:
                return int(counted["count"])
            fresh = {"count": amount, "expires_at": now + expiry}
            try:
                await windows.insert_one({"_id": key, **fresh})
                return amount
            except DuplicateKeyError:
                restarted = await windows.find_one_and_update(
                    {"_id": key, "expires_at": {"$lte": now}}, {"$set": fresh}
                )
                if restarted is not None:
                    return amount
            # another replica started this window meanwhile: count in it

    async def get(self, key: str) -> int:
        found = await self._windows().find_one({"_id": key, "expires_at": {"$gt": time.time()}})
        return int(found["count"]) if found is not None else 0

    async def get_expiry(self, key: str) -> float:
        found = await self._windows().find_one({"_id": key})
        return float(found["expires_at"]) if found is not None else time.time()

    async def check(self) -> bool:
        await self._database().command("ping")
        return True

    async def reset(self) -> int | None:
        deleted = await self._windows().delete_many({})
        return int(deleted.deleted_count)

    async def clear(self, key: str) -> None:
        await self._windows().delete_one({"_id": key})
