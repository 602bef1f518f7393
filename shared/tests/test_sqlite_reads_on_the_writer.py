"""The SQLite adapters' reads (the store's end, events after a position, inbox and cursors; a
read model's documents, finds and checkpoints) go through `SqliteDatabase.read`, on the writer's
warm connection while it is idle: each answers what a fresh connection to the file answers,
after our own writes, after another connection's commit, and while a commit is on the writer
thread (then only what was committed)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from park_shared import sqlite_db
from park_shared.events import EventMeta, NewEvent
from park_shared.projections.port import Change
from park_shared.projections.sqlite import SqliteReadModels
from park_shared.sqlite_db import SqliteDatabase
from park_shared.store.sqlite import SqliteEventStore


def new(n: int) -> NewEvent:
    return NewEvent("park.test.Happened.v1", b'{"n": %d}' % n, EventMeta(f"id-{n}", "2026", "c", "c"))


@pytest.fixture(autouse=True)
def fast_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever this machine's disk does meanwhile, commits count as fast."""
    monkeypatch.setattr(sqlite_db, "INLINE_COMMIT_LIMIT", 3600.0)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[SqliteDatabase]:
    opened = SqliteDatabase(tmp_path / "service.sqlite")
    yield opened
    await opened.close()


async def adapters_say(store: SqliteEventStore, models: SqliteReadModels) -> dict[str, Any]:
    return {
        "last_position": await store.last_position(),
        "read_all": [tuple(r) for r in await store.read_all(0, 100)],
        "is_handled": await store.is_handled("k"),
        "cursor": await store.get_cursor("relay"),
        "get": await models.get("cases", "a"),
        "get_at": await models.get_at("cases", "a"),
        "find": await models.find("cases"),
        "find_where": await models.find("cases", {"status": "open"}),
        "checkpoint": await models.checkpoint("cases"),
    }


def file_says(path: Path) -> dict[str, Any]:
    """The same questions, asked of a fresh connection to the file."""
    conn = sqlite3.connect(path)
    try:
        one = conn.execute("SELECT doc, position FROM read_models WHERE collection = 'cases' AND key = 'a'")
        row = one.fetchone()
        docs = [orjson.loads(d) for (d,) in conn.execute("SELECT doc FROM read_models ORDER BY key")]
        cursor = conn.execute("SELECT position FROM cursors WHERE name = 'relay'").fetchone()
        checkpoint = conn.execute("SELECT position FROM checkpoints WHERE name = 'cases'").fetchone()
        return {
            "last_position": conn.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()[0],
            "read_all": conn.execute(
                "SELECT position, stream_id, version, type, data, meta FROM events ORDER BY position"
            ).fetchall(),
            "is_handled": conn.execute("SELECT 1 FROM inbox WHERE key = 'k'").fetchone() is not None,
            "cursor": cursor[0] if cursor else 0,
            "get": orjson.loads(row[0]) if row else None,
            "get_at": (orjson.loads(row[0]), row[1]) if row else (None, 0),
            "find": docs,
            "find_where": [d for d in docs if d.get("status") == "open"],
            "checkpoint": checkpoint[0] if checkpoint else 0,
        }
    finally:
        conn.close()


async def test_reads_answer_what_the_file_holds_after_our_writes_and_another_connections(
    db: SqliteDatabase,
) -> None:
    store, models = SqliteEventStore(db), SqliteReadModels(db)
    assert await adapters_say(store, models) == file_says(db.path)
    await store.append("s", [new(1), new(2)], 0, inbox_key="k")
    await models.commit("cases", [Change("cases", "a", {"status": "open"}, 2)], 2)
    await store.set_cursor("relay", 1)
    ours = await adapters_say(store, models)
    assert ours == file_says(db.path) and ours["last_position"] == 2 and ours["is_handled"]
    other = sqlite3.connect(db.path, isolation_level=None)
    try:
        other.execute(
            "INSERT INTO events (stream_id, version, type, data, meta) VALUES ('s', 3, 't', x'7b7d', x'7b7d')"
        )
        other.execute('UPDATE read_models SET doc = \'{"status": "closed"}\', position = 3')
        other.execute("UPDATE checkpoints SET position = 3")
        other.execute("UPDATE cursors SET position = 3")
        theirs = await adapters_say(store, models)
        assert theirs == file_says(db.path)
        assert theirs["last_position"] == 3 and theirs["get"] == {"status": "closed"}
        assert not theirs["find_where"]
    finally:
        other.close()


async def test_reads_while_a_commit_is_on_the_thread_answer_what_was_committed(
    db: SqliteDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, models = SqliteEventStore(db), SqliteReadModels(db)
    await store.append("s", [new(1)], 0)
    await models.commit("cases", [Change("cases", "a", {"status": "open"}, 1)], 1)
    committed = file_says(db.path)
    assert await adapters_say(store, models) == committed  # (a find's index is made here, a write)
    started, release = threading.Event(), threading.Event()

    def held(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO events (stream_id, version, type, data, meta) VALUES ('s', 2, 't', x'7b7d', x'7b7d')"
        )
        conn.execute('UPDATE read_models SET doc = \'{"status": "closed"}\', position = 2')
        conn.execute("INSERT INTO inbox (key) VALUES ('k')")
        started.set()
        release.wait(10)

    monkeypatch.setattr(sqlite_db, "INLINE_COMMIT_LIMIT", 0.0)  # the next write goes to the thread
    write = asyncio.ensure_future(db.write(held))
    try:
        assert await asyncio.to_thread(started.wait, 10)
        assert await adapters_say(store, models) == committed
    finally:
        release.set()
        await write
    after = await adapters_say(store, models)
    assert after == file_says(db.path) and after["last_position"] == 2 and after["is_handled"]
