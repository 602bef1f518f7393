"""A delivered batch of events for different keys: their effects and inbox rows in one store
transaction (the store's group commit), each event's rolled back alone when it fails."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from collections.abc import Sequence
from pathlib import Path

from park_shared.bus.embedded import EmbeddedLog
from park_shared.bus.port import Message
from park_shared.consumer import Delivery, EventConsumer
from park_shared.decider import Decider
from park_shared.envelope import Envelope
from park_shared.events import Event, EventMeta, EventRegistry, RecordedEvent
from park_shared.handler import CommandHandler
from park_shared.store.sqlite import SqliteEventStore
from park_shared.testing.apps import wait_until
from pydantic import BaseModel

registry = EventRegistry("batch")


@registry.event()
class Ticked(Event):
    n: int


@registry.event()
class Counted(Event):
    n: int


class Count(BaseModel):
    n: int


counter: Decider[Count, int, Counted] = Decider(
    0, lambda command, _: [Counted(n=command.n)], lambda total, event: total + 1
)

KEYS = [f"k{i}" for i in range(8)]


def message(key: str, n: int) -> Message:
    type_, data = registry.encode(Ticked(n=n))
    meta = EventMeta(uuid.uuid4().hex, "2026-01-01T00:00:00+00:00", "c", "c")
    return Envelope.of("batch", RecordedEvent(0, key, n, type_, data, meta.to_json())).to_message("t")


def fail_inside_the_transaction(store: SqliteEventStore, stream: str, times: int) -> list[int]:
    """The append to `stream` fails `times` times at its events' INSERT: after its inbox row,
    inside the transaction it shares with the others. Returns the failures so far (a list)."""
    failures: list[int] = []

    def fails(stream_id: str) -> int:
        if stream_id == stream and len(failures) < times:
            failures.append(1)
            raise RuntimeError("the disk says no")
        return 0

    conn = store.db._writer  # the writer connection runs every write job
    conn.create_function("fails", 1, fails)
    conn.execute(
        "CREATE TEMP TRIGGER failing BEFORE INSERT ON events"
        " WHEN fails(NEW.stream_id) BEGIN SELECT RAISE(ABORT, 'failed'); END"
    )
    return failures


async def run_batch(
    tmp_path: Path, store: SqliteEventStore, batch: Sequence[Message]
) -> tuple[EventConsumer, int]:
    """Delivers `batch` to a consumer whose reaction appends one event to the key's stream
    (with the delivery's inbox key); returns it and the store transactions it took."""
    log = EmbeddedLog(tmp_path / "bus.sqlite")
    await log.start()
    handler = CommandHandler(store, registry, counter)

    async def count(delivery: Delivery) -> None:
        n = delivery.event.n  # type: ignore[attr-defined]
        await handler.handle(f"s-{delivery.envelope.subject}", Count(n=n), context=delivery.context)

    await log.publish(batch)
    consumer = EventConsumer(
        "batch", log, registry, {registry.type_of(Ticked): count},
        is_handled=store.is_handled, topics=["t"], backoff=0.01, attempts=2,
    )  # fmt: skip
    before = store.db.inline_commits + store.db.thread_commits
    task = asyncio.create_task(consumer.run())
    try:
        await wait_until(
            lambda: consumer.handled + consumer.dead_lettered == len(batch),
            timeout=5,
            interval=0.01,
            what="every event handled or dead-lettered",
        )
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await log.close()
    return consumer, store.db.inline_commits + store.db.thread_commits - before


def stored(store: SqliteEventStore) -> tuple[dict[str, list[int]], int]:
    """Each stream's `n`s in order, and the inbox rows."""
    conn = sqlite3.connect(store.db.path)
    try:
        streams: dict[str, list[int]] = {}
        for stream_id, data in conn.execute("SELECT stream_id, data FROM events ORDER BY stream_id, version"):
            streams.setdefault(stream_id, []).append(Counted.model_validate_json(data).n)
        (inbox,) = conn.execute("SELECT count(*) FROM inbox").fetchone()
        return streams, inbox
    finally:
        conn.close()


async def test_a_batch_for_different_keys_is_one_store_transaction(tmp_path: Path) -> None:
    store = SqliteEventStore.open(tmp_path / "s.sqlite")
    consumer, transactions = await run_batch(tmp_path, store, [message(k, 1) for k in KEYS])
    assert consumer.handled == len(KEYS)
    assert transactions == 1  # every effect and inbox row of the batch: one commit, one fsync
    assert stored(store) == ({f"s-{k}": [1] for k in KEYS}, len(KEYS))
    await store.close()


async def test_each_position_of_a_key_is_one_transaction_for_the_batch(tmp_path: Path) -> None:
    store = SqliteEventStore.open(tmp_path / "s.sqlite")
    batch = [message(k, n) for n in (1, 2, 3) for k in KEYS]
    consumer, transactions = await run_batch(tmp_path, store, batch)
    assert consumer.handled == len(batch)
    assert transactions == 3  # a key's events in order: its second waits for its first
    assert stored(store) == ({f"s-{k}": [1, 2, 3] for k in KEYS}, len(batch))
    await store.close()


async def test_a_failing_event_is_rolled_back_alone_and_retried_once(tmp_path: Path) -> None:
    store = SqliteEventStore.open(tmp_path / "s.sqlite")
    failures = fail_inside_the_transaction(store, "s-k3", times=1)
    consumer, transactions = await run_batch(tmp_path, store, [message(k, 1) for k in KEYS])
    assert failures == [1]
    assert (consumer.handled, consumer.dead_lettered) == (len(KEYS), 0)
    assert transactions == 2  # the batch, then the retry of the one that failed
    # nothing lost, nothing twice: the others' effects kept, the failed one's inbox row gone
    # with its events (else its retry would have been skipped as handled)
    assert stored(store) == ({f"s-{k}": [1] for k in KEYS}, len(KEYS))
    await store.close()


async def test_an_event_failing_for_good_is_dead_lettered_and_the_others_kept(tmp_path: Path) -> None:
    store = SqliteEventStore.open(tmp_path / "s.sqlite")
    fail_inside_the_transaction(store, "s-k5", times=99)
    consumer, _ = await run_batch(tmp_path, store, [message(k, 1) for k in KEYS])
    assert (consumer.handled, consumer.dead_lettered) == (len(KEYS) - 1, 1)
    assert stored(store) == ({f"s-{k}": [1] for k in KEYS if k != "k5"}, len(KEYS) - 1)
    await store.close()


async def test_a_batch_delivered_again_changes_nothing(tmp_path: Path) -> None:
    store = SqliteEventStore.open(tmp_path / "s.sqlite")
    batch = [message(k, 1) for k in KEYS]
    await run_batch(tmp_path / "first", store, batch)
    consumer, transactions = await run_batch(tmp_path / "again", store, batch)
    assert consumer.handled == len(KEYS)
    assert transactions == 0  # the inbox says handled: no write at all
    assert stored(store) == ({f"s-{k}": [1] for k in KEYS}, len(KEYS))
    await store.close()
