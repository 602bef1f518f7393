"""A consumer handles a batch key by key: each key's messages in order, different keys side by
side, topics in the order they came."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from park_shared.bus.embedded import EmbeddedLog
from park_shared.bus.port import Message
from park_shared.consumer import Delivery, EventConsumer, by_key, handle_in_lanes, runs_by_topic
from park_shared.envelope import Envelope
from park_shared.events import Event, EventMeta, EventRegistry, RecordedEvent
from park_shared.testing.apps import wait_until

registry = EventRegistry("lanes")


@registry.event()
class Ticked(Event):
    n: int


def message(topic: str, key: str, n: int) -> Message:
    type_, data = registry.encode(Ticked(n=n))
    meta = EventMeta(uuid.uuid4().hex, "2026-01-01T00:00:00+00:00", "c", "c")
    recorded = RecordedEvent(0, key, n, type_, data, meta.to_json())
    return Envelope.of("lanes", recorded).to_message(topic)


def test_a_batch_is_cut_where_the_topic_changes_and_split_by_key() -> None:
    batch = [message("a", "k1", 1), message("a", "k2", 2), message("b", "k1", 3), message("a", "k1", 4)]
    assert [[m.topic for m in run] for run in runs_by_topic(batch)] == [["a", "a"], ["b"], ["a"]]
    assert [[m.key for m in lane] for lane in by_key(batch[:2] + batch[3:])] == [["k1", "k1"], ["k2"]]


async def test_keys_are_handled_side_by_side_each_in_order(tmp_path: Path) -> None:
    log = EmbeddedLog(tmp_path / "bus.sqlite")
    await log.start()
    seen: list[tuple[str, int]] = []
    slow_started, fast_done = asyncio.Event(), asyncio.Event()

    async def tick(delivery: Delivery) -> None:
        key, n = delivery.envelope.subject, delivery.event.n  # type: ignore[attr-defined]
        if key == "slow" and n == 0:
            slow_started.set()
            await asyncio.wait_for(fast_done.wait(), 5)  # only returns if "fast" runs meanwhile
        seen.append((key, n))
        if key == "fast" and n == 2:
            fast_done.set()

    async def never_handled(_: str) -> bool:
        return False

    await log.publish([message("t", k, n) for n in range(3) for k in ("slow", "fast")])
    consumer = EventConsumer(
        "lanes", log, registry, {registry.type_of(Ticked): tick}, is_handled=never_handled, topics=["t"]
    )
    task = asyncio.create_task(consumer.run())
    try:
        await wait_until(lambda: len(seen) == 6, timeout=4, interval=0.02, what="six events handled")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await log.close()
    assert slow_started.is_set()
    for key in ("slow", "fast"):
        assert [n for k, n in seen if k == key] == [0, 1, 2]
    assert seen[:3] == [("fast", 0), ("fast", 1), ("fast", 2)]  # overtook the waiting key
    assert consumer.handled == 6 and consumer.dead_lettered == 0


async def test_lanes_keep_each_keys_order_and_hold_at_most_width_keys_at_a_time() -> None:
    run = [message("t", f"k{n % 3}", n) for n in range(9)]
    seen: list[Message] = []
    busy, most = 0, 0

    async def handle(m: Message) -> None:
        nonlocal busy, most
        busy += 1
        most = max(most, busy)
        await asyncio.sleep(0)
        seen.append(m)
        busy -= 1

    await handle_in_lanes(run, handle, 2)
    assert most == 2
    assert len(seen) == len(run) and all(m in seen for m in run)
    for key in ("k0", "k1", "k2"):
        assert [m for m in seen if m.key == key] == [m for m in run if m.key == key]


async def test_one_failing_lane_fails_the_run() -> None:
    run = [message("t", "ok", 1), message("t", "bad", 2)]

    async def handle(m: Message) -> None:
        if m.key == "bad":
            raise ValueError(m.key)

    with pytest.raises(ExceptionGroup):
        await handle_in_lanes(run, handle, 4)
