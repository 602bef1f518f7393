"""One SQLite file per service: a read connection on the loop, and a writer thread that
group-commits every write queued while the previous commit was on disk."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["SqliteDatabase", "WriteJob"]

T = TypeVar("T")
WriteJob = Callable[[sqlite3.Connection], Any]

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    # FULL: the WAL is fsynced at every commit, so an acknowledged write survives power loss.
    "PRAGMA synchronous=FULL",
    "PRAGMA busy_timeout=10000",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-32000",
)


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


class SqliteDatabase:
    def __init__(self, path: Path, schema: str = "") -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._writer = connect(path)
        if schema:
            self._writer.executescript(schema)
        self.reader = connect(path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"sqlite:{path.name}")
        self._pending: list[tuple[WriteJob, asyncio.Future[Any]]] = []
        self._inflight = False
        self._closed = False

    def apply_schema(self, schema: str) -> None:
        self._writer.executescript(schema)

    async def write(self, job: Callable[[sqlite3.Connection], T]) -> T:
        """Runs `job` inside a transaction shared with the other queued jobs; a job that
        raises is rolled back alone (savepoint) and its exception re-raised to its caller."""
        if self._closed:
            raise RuntimeError(f"{self.path} is closed")
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[T] = loop.create_future()
        self._pending.append((job, fut))
        self._kick(loop)
        return await fut

    def _kick(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._inflight or not self._pending:
            return
        batch, self._pending = self._pending, []
        self._inflight = True
        done = self._executor.submit(self._commit, [job for job, _ in batch])
        done.add_done_callback(lambda f: loop.call_soon_threadsafe(self._settle, loop, batch, f))

    def _commit(self, jobs: list[WriteJob]) -> list[tuple[bool, Any]]:
        conn = self._writer
        results: list[tuple[bool, Any]] = []
        conn.execute("BEGIN IMMEDIATE")
        try:
            for job in jobs:
                conn.execute("SAVEPOINT job")
                try:
                    results.append((True, job(conn)))
                    conn.execute("RELEASE job")
                except Exception as exc:  # noqa: BLE001 - handed back to the job's caller
                    conn.execute("ROLLBACK TO job")
                    conn.execute("RELEASE job")
                    results.append((False, exc))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return results

    def _settle(
        self,
        loop: asyncio.AbstractEventLoop,
        batch: list[tuple[WriteJob, asyncio.Future[Any]]],
        done: Future[list[tuple[bool, Any]]],
    ) -> None:
        self._inflight = False
        error = done.exception()
        for i, (_, fut) in enumerate(batch):
            if fut.cancelled():
                continue
            if error is not None:
                fut.set_exception(error)
                continue
            ok, value = done.result()[i]
            if ok:
                fut.set_result(value)
            else:
                fut.set_exception(value)
        self._kick(loop)

    def ping(self) -> None:
        self.reader.execute("SELECT 1").fetchone()

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        while self._inflight or self._pending:
            await asyncio.sleep(0.005)
        self._executor.shutdown(wait=True)
        self._writer.close()
        self.reader.close()
