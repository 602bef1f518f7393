"""The SQLite writer: a lone write commits on the loop's thread, writes that come together
share one transaction on the writer thread, a failing job is rolled back alone, and a write
lock held by another connection is waited for (on the thread), not failed."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from park_shared import sqlite_db
from park_shared.sqlite_db import SqliteDatabase

SCHEMA = "CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)"


def insert(k: str, v: int = 1) -> Callable[[sqlite3.Connection], int]:
    def job(conn: sqlite3.Connection) -> int:
        conn.execute("INSERT INTO t (k, v) VALUES (?, ?)", (k, v))
        return v

    return job


def rows(db: SqliteDatabase) -> dict[str, int]:
    return dict(db.reader.execute("SELECT k, v FROM t").fetchall())


@asynccontextmanager
async def busy_loop() -> AsyncIterator[None]:
    """Another task always ready on the loop (a busy server) while the block runs."""
    spinning = True

    async def spin() -> None:
        while spinning:
            await asyncio.sleep(0)

    spinner = asyncio.ensure_future(spin())
    try:
        await asyncio.sleep(0)
        yield
    finally:
        spinning = False
        await spinner


@pytest.fixture(autouse=True)
def fast_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever this machine's disk does meanwhile, commits count as fast."""
    monkeypatch.setattr(sqlite_db, "INLINE_COMMIT_LIMIT", 3600.0)


async def test_a_lone_write_commits_on_the_loops_thread(tmp_path: Path) -> None:
    db = SqliteDatabase(tmp_path / "db.sqlite", SCHEMA)
    try:
        for i in range(5):
            assert await db.write(insert(f"k{i}", i)) == i
        assert rows(db) == {f"k{i}": i for i in range(5)}
        assert (db.inline_commits, db.thread_commits) == (5, 0)
    finally:
        await db.close()


async def test_writes_that_come_together_share_a_transaction_on_the_thread(tmp_path: Path) -> None:
    db = SqliteDatabase(tmp_path / "db.sqlite", SCHEMA)
    try:
        results = await asyncio.gather(*(db.write(insert(f"k{i}", i)) for i in range(20)))
        assert results == list(range(20))
        assert len(rows(db)) == 20
        assert db.inline_commits == 0 and 1 <= db.thread_commits <= 2
    finally:
        await db.close()


async def test_a_failing_job_is_rolled_back_alone(tmp_path: Path) -> None:
    db = SqliteDatabase(tmp_path / "db.sqlite", SCHEMA)
    try:
        await db.write(insert("dup"))

        def half_then_fail(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO t (k, v) VALUES ('half', 1)")
            conn.execute("INSERT INTO t (k, v) VALUES ('dup', 2)")

        with pytest.raises(sqlite3.IntegrityError):  # alone: inline
            await db.write(half_then_fail)
        outcomes = await asyncio.gather(
            db.write(insert("a")),
            db.write(half_then_fail),
            db.write(insert("b")),
            return_exceptions=True,
        )
        assert outcomes[0] == 1 and outcomes[2] == 1
        assert isinstance(outcomes[1], sqlite3.IntegrityError)
        assert rows(db) == {"dup": 1, "a": 1, "b": 1}
        assert await db.write(insert("after")) == 1
    finally:
        await db.close()


async def test_a_lock_held_elsewhere_is_waited_for_not_failed(tmp_path: Path) -> None:
    db = SqliteDatabase(tmp_path / "db.sqlite", SCHEMA)
    other = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None, check_same_thread=False)
    try:
        other.execute("BEGIN IMMEDIATE")
        write = asyncio.ensure_future(db.write(insert("k")))
        await asyncio.sleep(0.2)
        assert not write.done()  # the loop is free meanwhile: this line runs
        other.execute("COMMIT")
        assert await asyncio.wait_for(write, 10) == 1
        assert db.thread_commits == 1
        assert await db.write(insert("next")) == 1
        assert db.inline_commits == 1
    finally:
        other.close()
        await db.close()


async def test_on_a_slow_disk_every_write_goes_to_the_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_db, "INLINE_COMMIT_LIMIT", 0.0)
    db = SqliteDatabase(tmp_path / "db.sqlite", SCHEMA)
    try:
        await db.write(insert("a"))
        await db.write(insert("b"))
        assert (db.inline_commits, db.thread_commits) == (0, 2)
    finally:
        await db.close()


async def test_a_write_beside_other_ready_work_goes_to_the_thread(tmp_path: Path) -> None:
    """A loop with other callbacks waiting (a busy server) is not held up by a commit."""
    db = SqliteDatabase(tmp_path / "db.sqlite", SCHEMA)
    try:
        async with busy_loop():
            assert await db.write(insert("k")) == 1
            assert (db.inline_commits, db.thread_commits) == (0, 1)
    finally:
        await db.close()


async def test_read_model_batches_commit_on_the_loops_thread_beside_other_work(tmp_path: Path) -> None:
    """Writes that may hold the loop (read-model batches) skip the hand-off when the writer is
    idle, even on a busy loop; one write among them that may not sends the batch to the thread."""
    db = SqliteDatabase(tmp_path / "db.sqlite", SCHEMA)
    try:
        async with busy_loop():
            together = await asyncio.gather(
                *(db.write(insert(f"k{i}", i), may_hold_loop=True) for i in range(3))
            )
            assert together == [0, 1, 2]
            assert (db.inline_commits, db.thread_commits) == (1, 0)
            mixed = await asyncio.gather(
                db.write(insert("a", 5), may_hold_loop=True), db.write(insert("b", 6))
            )
            assert list(mixed) == [5, 6]
            assert (db.inline_commits, db.thread_commits) == (1, 1)
            assert rows(db) == {"k0": 0, "k1": 1, "k2": 2, "a": 5, "b": 6}
    finally:
        await db.close()


async def test_a_caller_writing_in_a_loop_lets_the_loop_poll_its_timers(tmp_path: Path) -> None:
    """Writes that commit without suspending (nothing else ready) still give the loop a turn
    now and then: a timer set before a run of writes fires while they go on."""
    db = SqliteDatabase(tmp_path / "db.sqlite", SCHEMA)
    fired = asyncio.Event()
    asyncio.get_running_loop().call_later(0.01, fired.set)
    try:
        written = 0
        while not fired.is_set():
            assert written < 20_000, "the timer never fired: the writes never let the loop poll"
            await db.write(insert(f"k{written}", written))
            written += 1
        assert db.inline_commits == written
    finally:
        await db.close()


async def test_a_read_while_a_commit_is_on_the_thread_sees_only_what_was_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads use the writer's connection only while it is idle: never inside the transaction
    the writer thread has open."""
    db = SqliteDatabase(tmp_path / "db.sqlite", SCHEMA)
    started, release = threading.Event(), threading.Event()

    def held(conn: sqlite3.Connection) -> int:
        conn.execute("INSERT INTO t (k, v) VALUES ('during', 2)")
        started.set()
        release.wait(10)
        return 2

    try:
        await db.write(insert("before"))
        monkeypatch.setattr(sqlite_db, "INLINE_COMMIT_LIMIT", 0.0)  # the next write goes to the thread
        write = asyncio.ensure_future(db.write(held))
        assert await asyncio.to_thread(started.wait, 10)
        assert db.read("SELECT k, v FROM t ORDER BY k") == [("before", 1)]
        release.set()
        assert await write == 2 and db.thread_commits == 1
        assert db.read("SELECT k, v FROM t ORDER BY k") == [("before", 1), ("during", 2)]
    finally:
        release.set()
        await db.close()


async def test_a_read_after_our_own_writes_sees_another_connections_commit(tmp_path: Path) -> None:
    db = SqliteDatabase(tmp_path / "db.sqlite", SCHEMA)
    other = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    try:
        await db.write(insert("ours"))
        assert db.read("SELECT k FROM t") == [("ours",)]
        other.execute("INSERT INTO t (k, v) VALUES ('theirs', 1)")
        assert db.read("SELECT k FROM t ORDER BY k") == [("ours",), ("theirs",)]
        await db.write(insert("ours again"))
        assert db.read("SELECT count(*) FROM t") == [(3,)]
    finally:
        other.close()
        await db.close()
