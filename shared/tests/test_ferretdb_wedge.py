"""The project's own FerretDB (v1 on PostgreSQL) stays answering under the read models' writes.

FerretDB v1 keeps, for each statement of an `update` command that matches a document, the
PostgreSQL connection of its query until the command ends, and takes one more for the write:
commands that together hold its whole pool wedge it for good (every request, `ping` included,
waits for a connection). These tests give FerretDB a small pool so that a few dozen documents
are enough: the first shows the request shape that wedges it, the second that the read
models' commits of as many documents, several projections at once, leave it answering."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from park_shared.projections.mongo import MongoReadModels
from park_shared.projections.port import Change
from park_shared.store.mongo import MongoEventStore
from park_shared.testing._process import RunningServer
from park_shared.testing.ferretdb_server import ping, start_ferretdb
from park_shared.web.rate_storage import MongoWindowStorage
from pymongo import AsyncMongoClient

pytestmark = [pytest.mark.real, pytest.mark.asyncio]

POOL = 10  # FerretDB's PostgreSQL connections in these tests
DOCS = 3 * POOL  # documents one projection pass changes in one collection
PROJECTIONS = 4
STUCK = 20.0  # seconds after which a write that has not come back is taken as stuck


@pytest.fixture
def ferretdb(tmp_path: Path) -> Iterator[RunningServer]:
    with start_ferretdb(tmp_path / "ferretdb", pool=POOL) as server:
        yield server


def changes(collection: str, position: int) -> list[Change]:
    return [Change(collection, f"doc-{n}", {"n": n, "at": position}, position) for n in range(DOCS)]


async def test_one_update_command_of_more_matching_statements_than_the_pool_wedges_ferretdb(
    ferretdb: RunningServer,
) -> None:
    """The request shape the read models no longer send to FerretDB (shown, so the next test's
    pass means something)."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(ferretdb.url, serverSelectionTimeoutMS=5000)
    rm = client["wedge"]["rm"]
    try:
        await rm.insert_many([{"_id": f"doc-{n}", "_pos": 1} for n in range(DOCS)])
        updates = [
            {"q": {"_id": f"doc-{n}", "_pos": {"$lt": 2}}, "u": {"_pos": 2}, "upsert": True}
            for n in range(DOCS)
        ]
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(client["wedge"].command({"update": "rm", "updates": updates}), STUCK)
        assert ping(ferretdb.port, deadline=5.0).startswith("wedged:")
    finally:
        await client.close()


async def test_read_model_commits_of_many_documents_at_once_leave_ferretdb_answering(
    ferretdb: RunningServer,
) -> None:
    store = await MongoEventStore.open(ferretdb.url, f"rm_{uuid.uuid4().hex[:8]}")
    try:
        assert store.ferretdb is True
        told = MongoReadModels(store.database, ferretdb=store.ferretdb)
        asks = MongoReadModels(store.database)  # learns it from the server before its first write
        for position in (10, 20, 30):  # the first pass inserts, the later ones match every document
            commits = [
                (told if i % 2 else asks).commit(f"p{i}", changes(f"things{i}", position + i), position + i)
                for i in range(PROJECTIONS)
            ]
            await asyncio.wait_for(asyncio.gather(*commits), STUCK * 3)
        assert ping(ferretdb.port, deadline=5.0) == "ok"
        for i in range(PROJECTIONS):
            models = told if i % 2 else asks
            assert await models.checkpoint(f"p{i}") == 30 + i
            assert await models.get(f"things{i}", f"doc-{DOCS - 1}") == {"n": DOCS - 1, "at": 30 + i}
    finally:
        await store.close()


async def test_a_burst_of_rate_limit_counts_on_one_window_leaves_ferretdb_answering(
    ferretdb: RunningServer,
) -> None:
    """Public requests all counted in one window at once: each count matches the window's
    document, the shape that holds FerretDB's connections; the storage lets a few at a time."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(ferretdb.url, serverSelectionTimeoutMS=5000)
    try:
        database = client[f"rate_{uuid.uuid4().hex[:8]}"]
        windows = MongoWindowStorage(lambda: database, clock=lambda: 6_000_030.0)  # mid-window
        assert await windows.incr("public:/jobs:127.0.0.1", 60) == 1
        burst = [windows.incr("public:/jobs:127.0.0.1", 60) for _ in range(5 * POOL)]
        counts = await asyncio.wait_for(asyncio.gather(*burst), STUCK)
        assert sorted(counts) == list(range(2, 5 * POOL + 2))  # each hit its own number
        assert ping(ferretdb.port, deadline=5.0) == "ok"
    finally:
        await client.close()
