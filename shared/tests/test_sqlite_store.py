"""The SQLite event store's version check: a new stream's append finds an existing stream by
its UNIQUE (stream, version) index, alone or in a group commit, and reports the stream's
head; nothing of a refused append stays, its inbox key included."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from park_shared.errors import WrongExpectedVersion
from park_shared.events import EventMeta, NewEvent
from park_shared.store.sqlite import SqliteEventStore


def new(n: int) -> NewEvent:
    return NewEvent("park.test.Happened.v1", b'{"n": %d}' % n, EventMeta(f"id-{n}", "2026", "c", "c"))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteEventStore]:
    opened = SqliteEventStore.open(tmp_path / "s.sqlite")
    yield opened
    await opened.close()


async def test_an_append_to_a_new_stream_that_exists_reports_its_head(store: SqliteEventStore) -> None:
    await store.append("s", [new(1), new(2), new(3)], 0)
    for events in ([new(4)], [new(4), new(5)]):
        with pytest.raises(WrongExpectedVersion) as lost:
            await store.append("s", events, 0, inbox_key="k")
        assert (lost.value.expected, lost.value.actual) == (0, 3)
    assert [r.version for r in await store.read_stream("s")] == [1, 2, 3]
    assert not await store.is_handled("k")
    with pytest.raises(WrongExpectedVersion):  # nothing to append, still checked
        await store.append("s", [], 0, inbox_key="k")
    assert not await store.is_handled("k")


async def test_new_streams_created_together_in_one_commit_one_winner_each(store: SqliteEventStore) -> None:
    results = await asyncio.gather(
        *(store.append(f"s-{i % 3}", [new(i)] * (1 + i % 2), 0) for i in range(12)), return_exceptions=True
    )
    assert store.db.thread_commits >= 1  # they came together: one transaction on the writer thread
    for stream in ("s-0", "s-1", "s-2"):
        mine = [r for i, r in enumerate(results) if i % 3 == int(stream[-1])]
        won = [r for r in mine if isinstance(r, int)]
        lost = [r for r in mine if isinstance(r, WrongExpectedVersion)]
        assert len(won) == 1 and len(lost) == 3 and {e.actual for e in lost} == {won[0]}
        assert len(await store.read_stream(stream)) == won[0]


async def test_another_integrity_error_is_not_taken_for_a_version_conflict(store: SqliteEventStore) -> None:
    broken = NewEvent("park.test.Happened.v1", None, EventMeta("id", "2026", "c", "c"))  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        await store.append("s", [broken], 0)
    assert await store.read_stream("s") == []
