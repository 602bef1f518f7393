"""One SQLite file per service: a read connection on the loop, and a writer that group-commits
every write queued while the previous commit was on disk. A write that finds the writer idle
and no other write beside it (a lone caller) commits on the loop's own thread, at once: the
hand-off to the writer thread and back would cost it more than the commit itself. When nothing
else waits for the loop at all (no other callback ready) it commits inside `write` itself;
otherwise it waits one turn of the loop for the writes of the callers ready beside it. Writes that
arrive together, or while a commit is on disk, go to the writer thread as one transaction.

The writer thread is one long-lived thread per file, woken by releasing a lock it waits on (one
batch in flight at a time, so one slot and a binary lock suffice); it hands the batch's results
back with `call_soon_threadsafe`. No `concurrent.futures` machinery per batch (`submit`'s locks,
a `Future` with its condition, a work queue, a done callback): that hand-off was the largest
item of the core's own in the services' CPU profiles."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["SqliteDatabase", "WriteJob"]

T = TypeVar("T")
WriteJob = Callable[[sqlite3.Connection], Any]

BUSY_TIMEOUT_MS = 10_000
INLINE_COMMIT_LIMIT = 0.002
"""A lone write commits on the loop's thread while commits take less than this (seconds, a
moving average); on a disk whose fsync is slower, every write goes to the writer thread, so
the loop never waits on the disk for long."""

YIELD_EVERY = 0.005
"""Writes that commit inside `write` without suspending give the loop a turn at least this
often (seconds), so a caller writing in a tight loop cannot starve its sockets and timers."""

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    # FULL: the WAL is fsynced at every commit, so an acknowledged write survives power loss.
    "PRAGMA synchronous=FULL",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-32000",
)


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


def _others_ready(loop: asyncio.AbstractEventLoop) -> bool:
    """True when other callbacks wait for this turn of the loop (other requests, other
    tasks): a commit on the loop's thread would hold them up for its fsync, so it goes to the
    writer thread. CPython's loops keep them in `_ready`; a loop without it never commits
    inline."""
    ready = getattr(loop, "_ready", None)
    return ready is None or len(ready) > 0


def _locked(exc: sqlite3.OperationalError) -> bool:
    """The write lock is held by another connection (an inline attempt does not wait)."""
    return "locked" in str(exc) or "busy" in str(exc)


class SqliteDatabase:
    def __init__(self, path: Path, schema: str = "") -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._writer = connect(path)
        if schema:
            self._writer.executescript(schema)
        self.reader = connect(path)
        self._thread: threading.Thread | None = None
        self._wake = threading.Lock()
        """Held while the writer thread has nothing to do; released to hand it `_handoff`."""
        self._wake.acquire()
        self._handoff: (
            tuple[asyncio.AbstractEventLoop, list[tuple[WriteJob, asyncio.Future[Any]]], bool] | None
        )
        self._handoff = None
        self._pending: list[tuple[WriteJob, asyncio.Future[Any]]] = []
        self._pending_may_hold_loop = 0
        """How many of the pending jobs may commit on the loop's thread beside other work."""
        self._inflight = False
        self._flush_scheduled = False
        self._closed = False
        self._yielded_at = 0.0
        self._commit_seconds = 0.0
        """A moving average of how long a commit takes (the job's statements and the fsync)."""
        self._busy_timeout_ms = BUSY_TIMEOUT_MS
        self.inline_commits = 0
        self.thread_commits = 0

    def apply_schema(self, schema: str) -> None:
        self._writer.executescript(schema)

    def read(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        """The rows of one query, read on the loop's thread: on the writer's connection while
        no commit is on the writer thread, since its page cache still holds what it wrote
        itself; the reader's cache is dropped whenever another connection has committed since
        its last read, which after each of our writes it has. On the reader otherwise, or if
        the writer's connection meets a lock it would not wait for."""
        if not (self._inflight or self._closed):
            try:
                return self._writer.execute(sql, args).fetchall()
            except sqlite3.OperationalError as exc:
                if not _locked(exc):
                    raise
        return self.reader.execute(sql, args).fetchall()

    async def write(self, job: Callable[[sqlite3.Connection], T], *, may_hold_loop: bool = False) -> T:
        """Runs `job` inside a transaction shared with the other queued jobs; a job that
        raises is rolled back alone (savepoint) and its exception re-raised to its caller.

        `may_hold_loop`: the caller would rather hold the loop for a fast commit than pay the
        hand-off to the writer thread and back (read-model batches: their cost is CPU, and a
        busy loop always has other callbacks ready). When every queued job says so and the
        writer is idle, the batch commits on the loop's thread as one transaction, whatever
        else is ready, as long as commits are fast (`INLINE_COMMIT_LIMIT`)."""
        if self._closed:
            raise RuntimeError(f"{self.path} is closed")
        loop = asyncio.get_running_loop()
        if (
            not self._pending
            and not self._inflight
            and not self._flush_scheduled
            and self._commit_seconds < INLINE_COMMIT_LIMIT
            and not _others_ready(loop)
        ):
            # Nothing else runs before the loop next polls, so no write could join this one:
            # it commits at once (no future, no turn of the loop to wait for, no wake-up).
            try:
                ok, value = self._commit([job], inline=True, track=True)[0]
            except sqlite3.OperationalError as exc:
                if not _locked(exc):
                    raise
                # another process holds the write lock: wait for it on the writer thread
                fut_locked: asyncio.Future[T] = loop.create_future()
                self._pending.append((job, fut_locked))
                self._kick(loop)
                return await fut_locked
            self.inline_commits += 1
            if time.perf_counter() - self._yielded_at > YIELD_EVERY:
                # a caller writing in a loop (a replay, a backlog) would never let the loop
                # poll its sockets and timers: one turn of the loop now and then
                await asyncio.sleep(0)
                self._yielded_at = time.perf_counter()
            if ok:
                result: T = value
                return result
            raise value
        fut: asyncio.Future[T] = loop.create_future()
        self._pending.append((job, fut))
        if may_hold_loop:
            self._pending_may_hold_loop += 1
        if not self._inflight and not self._flush_scheduled:
            # one turn of the loop: the writes of the callers ready beside this one join it
            self._flush_scheduled = True
            loop.call_soon(self._flush, loop)
        return await fut

    def _flush(self, loop: asyncio.AbstractEventLoop) -> None:
        self._flush_scheduled = False
        if self._inflight or not self._pending:
            return
        holdable = self._pending_may_hold_loop == len(self._pending)
        if self._commit_seconds < INLINE_COMMIT_LIMIT and (
            holdable or (len(self._pending) == 1 and not _others_ready(loop))
        ):
            batch, self._pending = self._pending, []
            self._pending_may_hold_loop = 0
            if len(batch) == 1 and batch[0][1].cancelled():
                return
            try:
                results = self._commit([job for job, _ in batch], inline=True, track=True)
            except sqlite3.OperationalError as exc:
                if not _locked(exc):
                    self._deliver(batch, None, exc)
                    return
                # another process holds the write lock: wait for it on the writer thread
                self._pending = batch + self._pending
                self._kick(loop, track=len(self._pending) == 1 or holdable)
                return
            except Exception as exc:  # noqa: BLE001 - handed to the caller
                self._deliver(batch, None, exc)
                return
            else:
                self.inline_commits += 1
                self._deliver(batch, results, None)
                return
        self._kick(loop, track=len(self._pending) == 1 or holdable)

    def _kick(self, loop: asyncio.AbstractEventLoop, track: bool = True) -> None:
        if self._inflight or not self._pending:
            return
        batch, self._pending = self._pending, []
        self._pending_may_hold_loop = 0
        self._inflight = True
        self.thread_commits += 1
        if self._thread is None:
            # daemon: a file never closed must not hold the interpreter's exit; a commit cut
            # short by the exit was answered to nobody, and SQLite rolls it back
            self._thread = threading.Thread(target=self._run, name=f"sqlite:{self.path.name}", daemon=True)
            self._thread.start()
        self._handoff = (loop, batch, track)
        self._wake.release()

    def _run(self) -> None:
        """The writer thread: one batch per wake-up, until `close` wakes it with none."""
        while True:
            self._wake.acquire()
            handoff, self._handoff = self._handoff, None
            if handoff is None:
                return
            loop, batch, track = handoff
            results: list[tuple[bool, Any]] | None = None
            error: BaseException | None = None
            try:
                results = self._commit([job for job, _ in batch], track=track)
            except BaseException as exc:  # noqa: BLE001 - handed to the callers
                error = exc
            try:
                loop.call_soon_threadsafe(self._settle, loop, batch, results, error)
            except RuntimeError:  # the loop was closed meanwhile: no caller is left to answer
                self._inflight = False

    def _commit(
        self, jobs: list[WriteJob], inline: bool = False, track: bool = False
    ) -> list[tuple[bool, Any]]:
        """One transaction for `jobs`. Inline (on the loop's thread) it does not wait for a
        lock another process holds: it raises, and the caller hands the job to the thread.
        `track`: its time counts in the moving average that decides whether writes may commit
        on the loop's thread (lone writes and read-model batches, not large group commits)."""
        conn = self._writer
        busy_timeout = 0 if inline else BUSY_TIMEOUT_MS
        if busy_timeout != self._busy_timeout_ms:
            conn.execute(f"PRAGMA busy_timeout={busy_timeout}")
            self._busy_timeout_ms = busy_timeout
        results: list[tuple[bool, Any]] = []
        conn.execute("BEGIN IMMEDIATE")
        started = time.perf_counter()  # the lock is held: what follows is the disk and the job
        try:
            if len(jobs) == 1:  # alone in its transaction: no savepoint needed
                try:
                    results.append((True, jobs[0](conn)))
                except Exception as exc:  # noqa: BLE001 - handed back to the job's caller
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    return [(False, exc)]
            else:
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
        if track:  # what a write that could go inline costs, whichever thread it ran on
            self._commit_seconds += (time.perf_counter() - started - self._commit_seconds) / 8
        return results

    def _settle(
        self,
        loop: asyncio.AbstractEventLoop,
        batch: list[tuple[WriteJob, asyncio.Future[Any]]],
        results: list[tuple[bool, Any]] | None,
        error: BaseException | None,
    ) -> None:
        self._inflight = False
        self._deliver(batch, results, error)
        if self._pending and not self._flush_scheduled:
            # after the callers just answered have had their turn: their next writes join
            self._flush_scheduled = True
            loop.call_soon(self._flush, loop)

    @staticmethod
    def _deliver(
        batch: list[tuple[WriteJob, asyncio.Future[Any]]],
        results: list[tuple[bool, Any]] | None,
        error: BaseException | None,
    ) -> None:
        for i, (_, fut) in enumerate(batch):
            if fut.cancelled():
                continue
            if error is not None:
                fut.set_exception(error)
                continue
            assert results is not None
            ok, value = results[i]
            if ok:
                fut.set_result(value)
            else:
                fut.set_exception(value)

    def ping(self) -> None:
        self.reader.execute("SELECT 1").fetchone()

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        while self._inflight or self._pending or self._flush_scheduled:
            await asyncio.sleep(0.005)
        if self._thread is not None:
            self._handoff = None
            self._wake.release()  # wakes the idle thread with nothing to do: it ends at once
            self._thread.join()
            self._thread = None
        self._writer.close()
        self.reader.close()
