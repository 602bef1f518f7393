"""Store measurements: commands (create / existing, 1 and 32 callers), 10-event appends,
projection replay, long-stream load; and the engine's raw single-write limit."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import orjson
from _domain import DoStep, StepCounter, StepDone, cases, payload, registry
from _stats import median, rate
from park_shared.events import EventMeta, NewEvent
from park_shared.handler import CommandHandler
from park_shared.projections.runner import ProjectionRunner
from park_shared.store.port import EventStore

Row = tuple[str, str, float, str]


class Progress(list[Row]):
    """The rows measured so far, each also shown on stderr as it comes."""

    def append(self, row: Row) -> None:
        print(f"# {row[0]}: {row[1]}: {row[2]:,.2f} {row[3]}", file=sys.stderr, flush=True)
        super().append(row)


StoreFactory = Callable[[], Awaitable[EventStore]]


async def commands(store: EventStore, n: int, callers: int, existing: bool) -> float:
    handler = CommandHandler(store, registry, cases)
    tag = uuid.uuid4().hex[:6]
    data = payload(1)
    if existing:  # like the peer: one more event on each of n streams created before

        async def create(c: int, i: int) -> None:
            await handler.handle(f"n-{tag}-{c}-{i}", DoStep(step=0, data=data))

        await rate(n, callers, create)

    async def one(c: int, i: int) -> None:
        expect = "existing" if existing else "new"
        await handler.handle(f"n-{tag}-{c}-{i}", DoStep(step=i, data=data), expect=expect)

    return await rate(n, callers, one)


async def one_event_appends(store: EventStore, n: int) -> float:
    """The store alone: one-event appends to new streams, no load, no decide."""
    tag = uuid.uuid4().hex[:6]
    _, data = registry.encode(StepDone(step=1, data=payload(1)))
    meta = EventMeta("id", "2026-11-29T00:00:00+08:00", "c", "c")

    async def one(c: int, i: int) -> None:
        await store.append(f"a-{tag}-{i}", [NewEvent("park.bench.StepDone.v1", data, meta)], 0)

    return await rate(n, 1, one)


async def ten_event_appends(store: EventStore, n: int) -> float:
    handler = CommandHandler(store, registry, cases)
    tag = uuid.uuid4().hex[:6]

    async def one(c: int, i: int) -> None:
        await handler.handle(f"t-{tag}-{i}", DoStep(step=i, data=payload(i), count=10))

    return 10 * await rate(n, 1, one)


async def fill(store: EventStore, events: int) -> None:
    handler = CommandHandler(store, registry, cases)
    tag = uuid.uuid4().hex[:6]

    async def one(c: int, i: int) -> None:
        await handler.handle(f"f-{tag}-{c}-{i}", DoStep(step=i, data=payload(i), count=10))

    await rate(events // 10, 32, one)


async def replay(store: EventStore, read_models: object) -> tuple[float, int]:
    counter = StepCounter()
    runner = ProjectionRunner(store, read_models, registry, [counter])  # type: ignore[arg-type]
    start = time.perf_counter()
    await runner.rebuild()
    return counter.seen / (time.perf_counter() - start), counter.seen


async def load_long_stream(store: EventStore, length: int = 1000, reps: int = 20) -> float:
    handler = CommandHandler(store, registry, cases)
    stream = f"long-{uuid.uuid4().hex[:6]}"
    for i in range(0, length, 100):
        await handler.handle(stream, DoStep(step=i, data=payload(i), count=100))
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        state, version = await handler.load(stream)
        times.append((time.perf_counter() - start) * 1000)
    assert version == length and state == length
    return median(times)


def raw_sqlite_rows_per_s(path: Path, n: int) -> float:
    """Plain sqlite3: one single-row transaction per insert, WAL, synchronous=FULL."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY, s TEXT, v INT, d BLOB)")
    data = orjson.dumps(payload(1))
    start = time.perf_counter()
    for i in range(n):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO raw (s, v, d) VALUES (?, ?, ?)", (f"s-{i}", 1, data))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return n / elapsed


async def raw_mongo_inserts_per_s(uri: str, n: int) -> float:
    from pymongo import AsyncMongoClient

    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(uri)
    coll = client[f"bench_raw_{uuid.uuid4().hex[:6]}"]["raw"]
    data = orjson.dumps(payload(1))
    start = time.perf_counter()
    for i in range(n):
        await coll.insert_one({"s": f"s-{i}", "v": 1, "d": data})
    elapsed = time.perf_counter() - start
    await client.drop_database(coll.database.name)
    await client.close()
    return n / elapsed


async def measure_store(
    name: str,
    open_store: Callable[[], Awaitable[tuple[EventStore, object]]],
    n: int,
    replay_events: int,
    callers_counts: tuple[int, ...] = (1, 32),
) -> list[Row]:
    store, read_models = await open_store()
    rows: Progress = Progress()
    try:
        rows.append(
            (name, "one-event appends (store only), 1 caller", await one_event_appends(store, n), "events/s")
        )
        for callers in callers_counts:
            rows.append(
                (
                    name,
                    f"create-stream commands, {callers} caller(s)",
                    await commands(store, n, callers, existing=False),
                    "cmd/s",
                )
            )
            rows.append(
                (
                    name,
                    f"commands on existing streams, {callers} caller(s)",
                    await commands(store, n, callers, existing=True),
                    "cmd/s",
                )
            )
        rows.append((name, "10-event appends, 1 caller", await ten_event_appends(store, n // 5), "events/s"))
        rows.append((name, "load a 1,000-event stream", await load_long_stream(store), "ms"))
        have = await store.last_position()
        if have < replay_events:
            await fill(store, replay_events - have)
        speed, count = await replay(store, read_models)
        rows.append((name, f"projection replay over {count:,} events (decoded)", speed, "events/s"))
    finally:
        await store.close()
        await asyncio.sleep(0)
    return rows
