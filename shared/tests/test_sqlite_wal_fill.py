"""The WAL file is written out with zeros to the size it reaches before its first checkpoint
when a database opens, so commits write over blocks the file has; what was committed survives a
crash, whether the zeros came before the frames or after them."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from park_shared.sqlite_db import SqliteDatabase, wal_size_at_checkpoint

SCHEMA = "CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v BLOB NOT NULL)"


def wal_of(path: Path) -> Path:
    return Path(f"{path}-wal")


def crash_after_writes(path: Path, count: int, *, through_the_database: bool) -> None:
    """A process that commits `count` rows and dies without closing (no checkpoint: the rows
    are only in the WAL), through `SqliteDatabase` or through a plain connection."""
    code = textwrap.dedent(
        f"""
        import asyncio, os, sqlite3
        from pathlib import Path
        from park_shared.sqlite_db import SqliteDatabase, connect
        path = Path({str(path)!r})
        def job(i):
            return lambda conn: conn.execute("INSERT INTO t VALUES (?, ?)", (f"k{{i}}", bytes(500)))
        async def main():
            db = SqliteDatabase(path, {SCHEMA!r})
            for i in range({count}):
                await db.write(job(i))
        if {through_the_database}:
            asyncio.run(main())
        else:
            conn = connect(path)
            conn.execute({SCHEMA!r})
            for i in range({count}):
                job(i)(conn)
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def committed(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        count: int = conn.execute("SELECT count(*) FROM t").fetchone()[0]
        return count
    finally:
        conn.close()


async def test_the_wal_is_written_out_to_its_checkpoint_size_and_commits_write_over_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite"
    db = SqliteDatabase(path, SCHEMA)
    try:
        size = wal_size_at_checkpoint(db.reader)
        assert size == 32 + 1000 * (24 + 4096)  # SQLite's defaults: 1,000 pages of 4 KiB
        assert wal_of(path).stat().st_size == size
        assert wal_of(path).stat().st_blocks * 512 >= size  # written out, not a hole
        for i in range(50):
            await db.write(lambda conn, i=i: conn.execute("INSERT INTO t VALUES (?, ?)", (f"k{i}", b"v")))
        assert wal_of(path).stat().st_size == size
        assert db.read("SELECT count(*) FROM t") == [(50,)]
    finally:
        await db.close()


async def test_what_was_committed_over_the_zeros_survives_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    crash_after_writes(path, 120, through_the_database=True)
    assert wal_of(path).stat().st_size > 0  # the rows are in the WAL, not yet in the file
    assert committed(path) == 120


async def test_zeros_after_the_frames_of_a_crashed_writer_lose_none_of_them(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    crash_after_writes(path, 40, through_the_database=False)
    grown_by_sqlite = wal_of(path).stat().st_size
    db = SqliteDatabase(path, SCHEMA)
    try:
        assert grown_by_sqlite < wal_of(path).stat().st_size == wal_size_at_checkpoint(db.reader)
        assert db.read("SELECT count(*) FROM t") == [(40,)]
        await db.write(lambda conn: conn.execute("INSERT INTO t VALUES ('after', x'00')"))
    finally:
        await db.close()
    assert committed(path) == 41


async def test_a_write_lock_held_elsewhere_leaves_the_wal_to_grow_as_sqlite_grows_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute(SCHEMA)
    other.execute("BEGIN IMMEDIATE")
    try:
        db = SqliteDatabase(path)
        assert wal_of(path).stat().st_size < wal_size_at_checkpoint(db.reader)
        other.execute("INSERT INTO t VALUES ('theirs', x'00')")
        other.execute("COMMIT")
        await db.write(lambda conn: conn.execute("INSERT INTO t VALUES ('ours', x'00')"))
        assert db.read("SELECT k FROM t ORDER BY k") == [("ours",), ("theirs",)]
        await db.close()
    finally:
        other.close()
