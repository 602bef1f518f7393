"""The SQLite event store: one file per service, WAL with synchronous=FULL, group commit."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from park_shared.errors import AlreadyHandled, WrongExpectedVersion
from park_shared.events import NewEvent, RecordedEvent
from park_shared.sqlite_db import SqliteDatabase

__all__ = ["SqliteEventStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  type TEXT NOT NULL,
  data BLOB NOT NULL,
  meta BLOB NOT NULL,
  UNIQUE (stream_id, version)
);
CREATE TABLE IF NOT EXISTS inbox (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cursors (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
"""

_COLUMNS = "position, stream_id, version, type, data, meta"
_STREAM = f"SELECT {_COLUMNS} FROM events WHERE stream_id = ? ORDER BY version"
_AFTER = f"SELECT {_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?"
_HEAD = "SELECT coalesce(max(version), 0) FROM events WHERE stream_id = ?"
_INSERT = "INSERT INTO events (stream_id, version, type, data, meta) VALUES (?, ?, ?, ?, ?)"


class SqliteEventStore:
    def __init__(self, db: SqliteDatabase) -> None:
        self.db = db
        db.apply_schema(SCHEMA)

    @classmethod
    def open(cls, path: Path) -> SqliteEventStore:
        return cls(SqliteDatabase(path))

    async def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: int,
        *,
        inbox_key: str | None = None,
    ) -> int:
        rows = [
            (stream_id, expected_version + i + 1, e.type, e.data, e.meta.to_json())
            for i, e in enumerate(events)
        ]

        def job(conn: sqlite3.Connection) -> int:
            if inbox_key is not None:
                try:
                    conn.execute("INSERT INTO inbox (key) VALUES (?)", (inbox_key,))
                except sqlite3.IntegrityError:
                    raise AlreadyHandled(inbox_key) from None
            if expected_version or not rows:
                (actual,) = conn.execute(_HEAD, (stream_id,)).fetchone()
                if actual != expected_version:
                    raise WrongExpectedVersion(stream_id, expected_version, actual)
            try:
                if len(rows) == 1:  # one event: execute skips executemany's own overhead
                    conn.execute(_INSERT, rows[0])
                else:
                    conn.executemany(_INSERT, rows)
            except sqlite3.IntegrityError:
                if expected_version:
                    raise
                # A new stream's first event takes version 1, which a stream that exists has
                # (versions start at 1 and have no gaps): the UNIQUE index is the check.
                (actual,) = conn.execute(_HEAD, (stream_id,)).fetchone()
                if not actual:
                    raise
                raise WrongExpectedVersion(stream_id, expected_version, actual) from None
            return expected_version + len(rows)

        return await self.db.write(job)

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]:
        return [RecordedEvent(*r) for r in self.db.read(_STREAM, (stream_id,))]

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        return [RecordedEvent(*r) for r in self.db.read(_AFTER, (after, limit))]

    async def last_position(self) -> int:
        ((pos,),) = self.db.read("SELECT coalesce(max(position), 0) FROM events")
        return int(pos)

    async def is_handled(self, inbox_key: str) -> bool:
        return bool(self.db.read("SELECT 1 FROM inbox WHERE key = ?", (inbox_key,)))

    async def get_cursor(self, name: str) -> int:
        rows = self.db.read("SELECT position FROM cursors WHERE name = ?", (name,))
        return int(rows[0][0]) if rows else 0

    async def set_cursor(self, name: str, position: int) -> None:
        def job(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO cursors (name, position) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET position = max(position, excluded.position)",
                (name, position),
            )

        await self.db.write(job)

    async def ping(self) -> None:
        self.db.ping()

    async def close(self) -> None:
        await self.db.close()
