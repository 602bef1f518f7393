"""Outbox, consumer and projections: the same cases on every store and bus."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import orjson
import pytest
from park_shared import outbox
from park_shared.bus.port import Bus, Message
from park_shared.consumer import Delivery, EventConsumer
from park_shared.envelope import Envelope
from park_shared.handler import CommandHandler
from park_shared.outbox import OutboxRelay
from park_shared.projections.port import ReadModelStore
from park_shared.projections.runner import ProjectionRunner
from park_shared.store.appended import Waker
from park_shared.store.port import EventStore
from park_shared.testing.apps import wait_until

from .conftest import open_store
from .pipeline_domain import Balances, Credit, accounts, registry


class FlakyBus:
    """A bus that fails every publish after `budget` successful ones: a broker outage."""

    def __init__(self, inner: Bus, budget: int) -> None:
        self.inner, self.budget = inner, budget

    async def publish(self, messages: list[Message]) -> None:
        if self.budget <= 0:
            raise ConnectionError("broker unreachable")
        self.budget -= 1
        await self.inner.publish(messages)


async def credit(store: EventStore, n: int) -> None:
    handler = CommandHandler(store, registry, accounts)
    for i in range(n):
        await handler.handle(f"acct-{i % 3}", Credit(account=f"acct-{i % 3}", amount=i + 1))


def effect_consumer(target: EventStore, bus: Bus, topic: str, name: str) -> EventConsumer:
    handler = CommandHandler(target, registry, accounts)

    async def mirror(d: Delivery) -> None:
        event = d.event
        assert hasattr(event, "account")
        cmd = Credit(account=f"mirror-{event.account}", amount=event.amount)  # type: ignore[attr-defined]
        await handler.handle(cmd.account, cmd, context=d.context)

    type_ = "park.contract.Credited.v1"
    return EventConsumer(name, bus, registry, {type_: mirror}, is_handled=target.is_handled, topics=[topic])


async def consume_all(consumer: EventConsumer, want: int, target: EventStore) -> None:
    sub = consumer._bus.subscribe(consumer.name, consumer.topics)
    seen = 0
    try:
        for _ in range(200):
            batch = await sub.poll(timeout=0.3)
            for m in batch:
                await consumer.handle(m)
            if batch:
                await sub.commit(batch)
            seen += len(batch)
            if seen >= want:
                return
    finally:
        await sub.close()


async def total(store: EventStore, prefix: str) -> int:
    records = await store.read_all(0, 100_000)
    return sum(orjson.loads(r.data)["amount"] for r in records if r.stream_id.startswith(prefix))


@pytest.mark.parametrize("crash", ["before_publish", "after_publish_before_cursor"])
async def test_a_relay_killed_midway_loses_nothing_and_effects_happen_once(
    store: EventStore, bus: Bus, topic: str, tmp_path: Path, request: pytest.FixtureRequest, crash: str
) -> None:
    await credit(store, 12)
    if crash == "after_publish_before_cursor":
        first = await store.read_all(0, 5)
        await bus.publish([Envelope.of("contract", e).to_message(topic) for e in first])
    flaky = OutboxRelay("contract", store, FlakyBus(bus, 1), topic=topic, batch_size=5)  # type: ignore[arg-type]
    await flaky.relay_once()
    with pytest.raises(ConnectionError):
        await flaky.relay_once()

    relay = OutboxRelay("contract", store, bus, topic=topic, batch_size=5)
    await relay.drain()

    target = await open_store(request.node.callspec.params["store"], tmp_path, request)
    consumer = effect_consumer(target, bus, topic, f"mirror-{uuid.uuid4().hex[:6]}")
    await consume_all(consumer, 12 + (5 if crash == "after_publish_before_cursor" else 0), target)
    assert await total(target, "mirror-") == sum(range(1, 13))
    assert len(await target.read_all(0, 1000)) == 12
    await target.close()


class CursorReads:
    """A store that counts how often the relay's cursor is read."""

    def __init__(self, inner: EventStore) -> None:
        self.inner, self.reads = inner, 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    async def get_cursor(self, name: str) -> int:
        self.reads += 1
        return await self.inner.get_cursor(name)


async def test_a_relay_reads_the_stored_cursor_once_an_interval_and_then_follows_another_relay(
    store: EventStore, bus: Bus, topic: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not one read of the cursor per batch: the relay goes on from what it published; yet a
    replica's relay that published meanwhile is followed at the next read, not repeated."""
    monkeypatch.setattr(outbox, "CURSOR_INTERVAL", 60.0)
    counted = CursorReads(store)
    mine = OutboxRelay("contract", counted, bus, topic=topic, batch_size=2)  # type: ignore[arg-type]
    await credit(store, 6)
    assert await mine.drain() == 6
    assert counted.reads == 1, "the cursor was read for every batch"

    other = OutboxRelay("contract", store, bus, topic=topic)
    await credit(store, 4)
    assert await other.drain() == 4  # from the cursor `mine` wrote when it ran out
    monkeypatch.setattr(outbox, "CURSOR_INTERVAL", 0.0)  # the interval is over
    assert await mine.relay_once() == 0, "the other relay's events were published again"
    assert counted.reads == 2


async def test_a_poison_message_goes_to_the_dlq_and_the_next_is_handled(
    store: EventStore, bus: Bus, topic: str
) -> None:
    await credit(store, 1)
    await bus.publish([Message(topic, "x", b"not json", (("ce_specversion", b"1.0"),))])
    bad_data = Message(
        topic,
        "y",
        b'{"account": 5}',
        (
            ("ce_specversion", b"1.0"),
            ("ce_id", b"bad-1"),
            ("ce_source", b"/park/contract"),
            ("ce_type", b"park.contract.Credited.v1"),
        ),
    )
    await bus.publish([bad_data])
    await OutboxRelay("contract", store, bus, topic=topic).drain()
    name = f"poison-{uuid.uuid4().hex[:6]}"
    consumer = effect_consumer(store, bus, topic, name)

    await consume_all(consumer, 3, store)

    assert consumer.dead_lettered == 2 and consumer.handled == 1
    assert await total(store, "mirror-") == 1
    dlq = bus.subscribe("dlq-reader", [consumer.dlq])
    dead: list[Message] = []
    for _ in range(50):
        dead += await dlq.poll(timeout=0.3)
        if len(dead) >= 2:
            break
    await dlq.close()
    reasons = sorted(m.header("dlq_reason") or "" for m in dead)
    assert "missing CloudEvents headers" in reasons[1]
    assert "invalid park.contract.Credited.v1" in reasons[0] and "amount" in reasons[0]


async def test_a_projection_rebuilt_from_scratch_equals_the_incremental_one(
    store: EventStore, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    read_models = await read_models_for(store, request)
    runner = ProjectionRunner(store, read_models, registry, [Balances()], batch_size=7)
    for _ in range(3):
        await credit(store, 10)
        await runner.catch_up()
    incremental = await read_models.find("balances")

    assert await runner.rebuild("balances") == 30
    rebuilt = await read_models.find("balances")

    assert incremental == rebuilt
    assert sum(d["total"] for d in rebuilt) == 3 * sum(range(1, 11))
    assert await read_models.checkpoint("balances") == await store.last_position()


async def test_two_runners_over_one_read_model_store_apply_each_event_once(
    store: EventStore, request: pytest.FixtureRequest
) -> None:
    """Two replicas' runners share the read models: one that starts behind the other (an
    older checkpoint) reads documents already holding the events of its batch and leaves them."""
    read_models = await read_models_for(store, request)
    ahead = ProjectionRunner(store, read_models, registry, [Balances()], batch_size=7)
    behind = ProjectionRunner(store, read_models, registry, [Balances()], batch_size=7)
    await credit(store, 10)
    await ahead.catch_up()
    await read_models.commit("balances", [], 3)  # the slower replica's checkpoint lands last
    await credit(store, 10)

    assert await behind.catch_up() > 0
    await ahead.catch_up()
    totals = {d["account"]: d["total"] for d in await read_models.find("balances")}
    assert sum(totals.values()) == 2 * sum(range(1, 11))
    assert totals == {d["account"]: d["total"] for d in await rebuilt(store, request)}


async def rebuilt(store: EventStore, request: pytest.FixtureRequest) -> list[dict[str, object]]:
    fresh = await read_models_for(store, request)
    runner = ProjectionRunner(store, fresh, registry, [Balances()])
    await runner.rebuild("balances")
    return await fresh.find("balances")


async def read_models_for(store: EventStore, request: pytest.FixtureRequest) -> ReadModelStore:
    if request.node.callspec.params["store"] == "sqlite":
        from park_shared.projections.sqlite import SqliteReadModels
        from park_shared.store.sqlite import SqliteEventStore

        assert isinstance(store, SqliteEventStore)
        return SqliteReadModels(store.db)
    from park_shared.projections.mongo import MongoReadModels
    from park_shared.store.mongo import MongoEventStore

    assert isinstance(store, MongoEventStore)
    return MongoReadModels(store.database)


async def test_a_running_consumer_handles_everything(store: EventStore, bus: Bus, topic: str) -> None:
    await credit(store, 4)
    await OutboxRelay("contract", store, bus, topic=topic).drain()
    consumer = effect_consumer(store, bus, topic, f"runner-{uuid.uuid4().hex[:6]}")
    task = asyncio.create_task(consumer.run())
    await wait_until(lambda: consumer.handled == 4, timeout=20, what="four events handled")
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert await total(store, "mirror-") == 1 + 2 + 3 + 4


class ScriptedWaker(Waker):
    """A follower's waker that never waits: it records each wait asked for and plays a script,
    one step per wait: "idle" (the time runs out), "own" (this process appends, which wakes the
    follower) or "other" (another process appends; nothing wakes the follower). It stops the
    follower when the script ends."""

    def __init__(self, store: EventStore, script: list[str]) -> None:
        super().__init__()
        self.store, self.script, self.waits = store, list(script), []

    async def sleep(self, seconds: float) -> bool:
        self.waits.append(seconds)
        if not self.script:
            raise asyncio.CancelledError
        step = self.script.pop(0)
        if step != "idle":
            await credit(self.store, 1)
        if step == "own":
            self.set()
        return step == "own"


IDLE_THEN_OWN_APPENDS = ["idle"] * 8 + ["own"] * 4 + ["idle", "other", "idle"]


def assert_follows_own_appends_without_polling_fast(waits: list[float]) -> None:
    idle, woken, after_other = waits[8], waits[9:13], waits[14]
    assert idle == 0.5
    assert woken == [0.5] * 4, "a look woken by this process's own append set the polling back to fast"
    assert after_other == 0.005, "what another process appended did not make the follower look soon"


async def test_a_relay_woken_by_its_own_appends_keeps_polling_slowly(
    store: EventStore, bus: Bus, topic: str
) -> None:
    """An append in this process wakes the relay; only what another process appends (found by
    a poll) makes it poll fast again. Before, every batch set the polling back to 5 ms and the
    relay asked the store four to five times for the next commit after every append."""
    waker = ScriptedWaker(store, IDLE_THEN_OWN_APPENDS)
    relay = OutboxRelay("contract", store, bus, topic=topic, waker=waker)
    with pytest.raises(asyncio.CancelledError):
        await relay.run()
    assert relay.published == 5
    assert_follows_own_appends_without_polling_fast(waker.waits)


async def test_a_projection_runner_woken_by_its_own_appends_keeps_polling_slowly(
    store: EventStore, request: pytest.FixtureRequest
) -> None:
    read_models = await read_models_for(store, request)
    runner = ProjectionRunner(store, read_models, registry, [Balances()])
    waker = ScriptedWaker(store, IDLE_THEN_OWN_APPENDS)
    with pytest.raises(asyncio.CancelledError):
        await runner.run(waker=waker)
    assert await read_models.checkpoint("balances") == await store.last_position()
    assert_follows_own_appends_without_polling_fast(waker.waits)


class CursorWrites:
    """A store that counts how often the relay's cursor is written."""

    def __init__(self, inner: EventStore) -> None:
        self.inner, self.writes = inner, 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    async def set_cursor(self, name: str, position: int) -> None:
        self.writes += 1
        await self.inner.set_cursor(name, position)


async def test_a_relay_run_out_by_each_event_writes_its_cursor_once_an_interval(
    store: EventStore, bus: Bus, topic: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events one at a time (a few a second): every batch runs the relay out. The cursor is
    written once the interval is over, not each time (before: once per event); a drain ends
    with it written, so another relay goes on from there."""
    monkeypatch.setattr(outbox, "CURSOR_INTERVAL", 60.0)
    counted = CursorWrites(store)
    relay = OutboxRelay("contract", counted, bus, topic=topic)  # type: ignore[arg-type]
    for _ in range(4):
        await credit(store, 1)
        assert await relay.relay_once() == 1
        assert await relay.relay_once() == 0
    assert counted.writes == 1, "the cursor was written every time the relay ran out"
    assert await store.get_cursor(outbox.CURSOR) < await store.last_position()

    monkeypatch.setattr(outbox, "CURSOR_INTERVAL", 0.0)  # the interval is over
    assert await relay.relay_once() == 0
    assert counted.writes == 2
    assert await store.get_cursor(outbox.CURSOR) == await store.last_position()

    monkeypatch.setattr(outbox, "CURSOR_INTERVAL", 60.0)
    await credit(store, 3)
    assert await relay.drain() == 3
    assert await store.get_cursor(outbox.CURSOR) == await store.last_position()
    assert await OutboxRelay("contract", store, bus, topic=topic).drain() == 0
