"""The embedded log: a SQLite file of topics that several processes can share.

Each topic is one partition (per-key order follows). A consumer group reads a topic through
one member at a time: members take a lease per (group, topic); a standby member takes over
when the holder stops renewing it, from the group's committed offset.

Every process writes this one file, and each write is a durable transaction: so a member's
`commit` counts at once for the member itself (its `lag`), and is written to the file with
the commits that follow it at most `COMMIT_INTERVAL` later (and when the member renews its
lease, goes idle or closes), not once per batch. A member that stops without closing leaves
at most that much to be delivered again: consumers are idempotent (their inbox)."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
import uuid
from collections.abc import Collection, Sequence
from pathlib import Path

import orjson

from park_shared.bus.port import Message
from park_shared.sqlite_db import SqliteDatabase

__all__ = ["EmbeddedLog"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
  offset INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,
  key TEXT NOT NULL,
  headers BLOB NOT NULL,
  value BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_topic ON messages (topic, offset);
CREATE TABLE IF NOT EXISTS group_offsets (
  grp TEXT NOT NULL, topic TEXT NOT NULL, offset INTEGER NOT NULL, PRIMARY KEY (grp, topic)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS leases (
  grp TEXT NOT NULL, topic TEXT NOT NULL, owner TEXT NOT NULL, expires REAL NOT NULL,
  PRIMARY KEY (grp, topic)
) WITHOUT ROWID;
"""

LEASE_SECONDS = 6.0
POLL_INTERVAL = 0.25
"""The longest a member waits before it reads again without being woken (and looks at its
lease and its unwritten commits)."""
WATCH_INTERVAL = 0.004
"""How often a process that waits for messages looks whether the file changed (another
process published): one `PRAGMA data_version` for all its members; when it did, one look at
the topics of the new messages wakes only the members that read them."""
COMMIT_INTERVAL = 0.5
"""At most this long between a member's commit and its offset in the file, while it polls."""


class EmbeddedLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: SqliteDatabase | None = None
        self._waiters: dict[asyncio.Future[None], frozenset[str]] = {}
        self._watcher: asyncio.Task[None] | None = None
        self._looked_past: int | None = None
        """The last offset the watcher has looked at: a watcher started again looks past it."""

    @property
    def db(self) -> SqliteDatabase:
        if self._db is None:
            raise RuntimeError("the embedded log is not started")
        return self._db

    async def start(self) -> None:
        if self._db is None:
            self._db = SqliteDatabase(self.path, SCHEMA)

    async def publish(self, messages: Sequence[Message]) -> None:
        rows = [
            (m.topic, m.key, orjson.dumps([[k, v.decode()] for k, v in m.headers]), m.value) for m in messages
        ]

        def job(conn: sqlite3.Connection) -> None:
            conn.executemany("INSERT INTO messages (topic, key, headers, value) VALUES (?, ?, ?, ?)", rows)

        await self.db.write(job)
        self._wake({m.topic for m in messages})

    def subscribe(self, group: str, topics: Sequence[str]) -> EmbeddedSubscription:
        return EmbeddedSubscription(self, group, tuple(topics))

    async def wait_published(self, timeout: float, topics: Collection[str]) -> None:
        """Until a message to one of `topics` is published here or by another process, or `timeout`."""
        woken = asyncio.get_running_loop().create_future()
        self._waiters[woken] = frozenset(topics)
        if self._watcher is None or self._watcher.done():
            self._start_watching()
        try:
            # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await woken
        finally:
            del self._waiters[woken]

    def _start_watching(self) -> None:
        """The first time, the file's end is read here, right after the caller's read (not when
        the task first runs), so that every message committed after that read wakes its members."""
        if self._looked_past is None:
            (self._looked_past,) = self.db.reader.execute(
                "SELECT coalesce(max(offset), 0) FROM messages"
            ).fetchone()
        self._watcher = asyncio.get_running_loop().create_task(self._watch())

    def _wake(self, topics: Collection[str]) -> None:
        for woken, wanted in self._waiters.items():
            if not woken.done() and not wanted.isdisjoint(topics):
                woken.set_result(None)

    async def _watch(self) -> None:
        """While members wait: when another connection has committed to the file (SQLite's
        data_version; and once at the start), reads which topics got messages past the last
        offset looked at and wakes their members, so a message from another process is read
        within a few ms."""
        reader, seen = self.db.reader, -1
        try:
            while self._waiters and self._db is not None:
                (version,) = reader.execute("PRAGMA data_version").fetchone()
                if version != seen:
                    rows = reader.execute(
                        "SELECT topic, max(offset) FROM messages WHERE offset > ? GROUP BY topic",
                        (self._looked_past,),
                    ).fetchall()
                    if rows:
                        self._looked_past = max(offset for _, offset in rows)
                        self._wake({topic for topic, _ in rows})
                    seen = version
                await asyncio.sleep(WATCH_INTERVAL)
        except sqlite3.Error:  # closing, or the file is busy: the waiters' timeout holds
            return

    async def ping(self) -> None:
        self.db.ping()

    async def close(self) -> None:
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.cancel()
            if watcher.get_loop() is asyncio.get_running_loop():
                with contextlib.suppress(asyncio.CancelledError):
                    await watcher
        if self._db is not None:
            await self._db.close()
            self._db = None


class EmbeddedSubscription:
    def __init__(self, log: EmbeddedLog, group: str, topics: tuple[str, ...]) -> None:
        self._log = log
        self._group = group
        self._topics = topics
        self._owner = uuid.uuid4().hex
        self._held: dict[str, int] = {}  # topic -> next offset to read (exclusive lower bound)
        self._acked: dict[str, int] = {}  # topic -> the last offset committed by this member
        self._unwritten: dict[str, int] = {}  # the part of _acked not yet in the file
        self._written_at = time.monotonic()

    async def _renew_leases(self) -> None:
        now = time.time()
        group, owner, topics = self._group, self._owner, self._topics
        offsets = self._take_unwritten()

        def job(conn: sqlite3.Connection) -> dict[str, int]:
            _write_offsets(conn, group, offsets)
            held: dict[str, int] = {}
            for topic in topics:
                conn.execute(
                    "INSERT INTO leases (grp, topic, owner, expires) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (grp, topic) DO UPDATE SET owner = excluded.owner,"
                    " expires = excluded.expires WHERE leases.owner = excluded.owner"
                    " OR leases.expires < ?",
                    (group, topic, owner, now + LEASE_SECONDS, now),
                )
                row = conn.execute(
                    "SELECT owner FROM leases WHERE grp = ? AND topic = ?", (group, topic)
                ).fetchone()
                if row[0] == owner:
                    committed = conn.execute(
                        "SELECT offset FROM group_offsets WHERE grp = ? AND topic = ?",
                        (group, topic),
                    ).fetchone()
                    held[topic] = committed[0] if committed else 0
            return held

        try:
            committed = await self._log.db.write(job)
        except BaseException:
            self._restore_unwritten(offsets)
            raise
        # keep our own read position for topics we held already; take the committed one else
        self._held = {t: self._held.get(t, off) for t, off in committed.items()}
        self._acked = {t: o for t, o in self._acked.items() if t in committed}
        self._lease_until = now + LEASE_SECONDS / 3

    async def poll(self, timeout: float = 1.0, max_records: int = 500) -> list[Message]:
        deadline = time.monotonic() + timeout
        while True:
            if time.time() >= getattr(self, "_lease_until", 0.0):
                await self._renew_leases()
            batch = self._read(max_records)
            if batch or time.monotonic() >= deadline:
                return batch
            if self._unwritten and time.monotonic() - self._written_at >= COMMIT_INTERVAL:
                await self._write_unwritten()
                continue
            wait = min(POLL_INTERVAL, max(0.0, deadline - time.monotonic()))
            await self._log.wait_published(wait, self._held)

    def _read(self, max_records: int) -> list[Message]:
        out: list[Message] = []
        for topic, after in self._held.items():
            rows = self._log.db.reader.execute(
                "SELECT offset, key, headers, value FROM messages"
                " WHERE topic = ? AND offset > ? ORDER BY offset LIMIT ?",
                (topic, after, max_records - len(out)),
            ).fetchall()
            for offset, key, headers, value in rows:
                hdrs = tuple((k, v.encode()) for k, v in orjson.loads(headers))
                out.append(Message(topic, key, value, hdrs, 0, offset))
            if rows:
                self._held[topic] = rows[-1][0]
            if len(out) >= max_records:
                break
        return out

    async def commit(self, messages: Sequence[Message]) -> None:
        """Counts at once for this member (its `lag`, its next lease); reaches the file with
        the commits after it, at most `COMMIT_INTERVAL` later while the member polls."""
        for m in messages:
            if m.offset > self._acked.get(m.topic, 0):
                self._acked[m.topic] = self._unwritten[m.topic] = m.offset
        if self._unwritten and time.monotonic() - self._written_at >= COMMIT_INTERVAL:
            await self._write_unwritten()

    def _take_unwritten(self) -> dict[str, int]:
        offsets, self._unwritten = self._unwritten, {}
        self._written_at = time.monotonic()
        return offsets

    def _restore_unwritten(self, offsets: dict[str, int]) -> None:
        for topic, offset in offsets.items():
            self._unwritten[topic] = max(offset, self._unwritten.get(topic, 0))

    async def _write_unwritten(self) -> None:
        offsets, group = self._take_unwritten(), self._group

        def job(conn: sqlite3.Connection) -> None:
            _write_offsets(conn, group, offsets)

        try:
            await self._log.db.write(job)
        except BaseException:
            self._restore_unwritten(offsets)
            raise

    async def lag(self) -> int:
        """Messages past the group's commit: the one in the file, or this member's own."""
        total = 0
        for topic in self._topics:
            row = self._log.db.reader.execute(
                "SELECT count(*) FROM messages WHERE topic = ? AND offset > max(?,"
                " coalesce((SELECT offset FROM group_offsets WHERE grp = ? AND topic = ?), 0))",
                (topic, self._acked.get(topic, 0), self._group, topic),
            ).fetchone()
            total += int(row[0])
        return total

    async def close(self) -> None:
        group, owner = self._group, self._owner
        offsets = self._take_unwritten()

        def job(conn: sqlite3.Connection) -> None:
            _write_offsets(conn, group, offsets)
            conn.execute("DELETE FROM leases WHERE grp = ? AND owner = ?", (group, owner))

        if self._log._db is not None:
            await self._log.db.write(job)


def _write_offsets(conn: sqlite3.Connection, group: str, offsets: dict[str, int]) -> None:
    conn.executemany(
        "INSERT INTO group_offsets (grp, topic, offset) VALUES (?, ?, ?)"
        " ON CONFLICT (grp, topic) DO UPDATE SET offset = max(offset, excluded.offset)",
        [(group, t, o) for t, o in offsets.items()],
    )
