"""The event-bus contract: the same cases on the embedded log and on Kafka."""

from __future__ import annotations

import asyncio

from park_shared.bus.port import Bus, Message


def msg(topic: str, key: str, n: int) -> Message:
    return Message(topic, key, b"%d" % n, (("ce_id", b"e%d" % n),))


async def drain(bus: Bus, group: str, topic: str, want: int, *, commit: bool = True) -> list[Message]:
    sub = bus.subscribe(group, [topic])
    got: list[Message] = []
    try:
        for _ in range(200):
            batch = await sub.poll(timeout=0.3)
            got += batch
            if batch and commit:
                await sub.commit(batch)
            if len(got) >= want:
                break
    finally:
        await sub.close()
    return got


async def test_each_key_keeps_its_order_through_the_bus(bus: Bus, topic: str) -> None:
    keys = [f"lead-{k}" for k in range(5)]
    await bus.publish([msg(topic, keys[i % 5], i) for i in range(100)])

    got = await drain(bus, "orders", topic, 100)

    assert len(got) == 100
    for key in keys:
        values = [int(m.value) for m in got if m.key == key]
        assert values == sorted(values) and len(values) == 20
    assert got[0].header("ce_id") is not None


async def test_a_consumer_group_resumes_after_its_committed_offset(bus: Bus, topic: str) -> None:
    await bus.publish([msg(topic, "k", i) for i in range(10)])
    first = await drain(bus, "resumer", topic, 10)
    await bus.publish([msg(topic, "k", i) for i in range(10, 15)])

    second = await drain(bus, "resumer", topic, 5)
    other_group = await drain(bus, "newcomer", topic, 15)

    assert [int(m.value) for m in first] == list(range(10))
    assert [int(m.value) for m in second] == list(range(10, 15))
    assert len(other_group) == 15


async def test_uncommitted_messages_come_again_after_a_restart(bus: Bus, topic: str) -> None:
    await bus.publish([msg(topic, "k", i) for i in range(3)])
    await drain(bus, "forgetful", topic, 3, commit=False)
    again = await drain(bus, "forgetful", topic, 3)
    assert [int(m.value) for m in again] == [0, 1, 2]


async def test_lag_counts_what_the_group_has_not_committed(bus: Bus, topic: str) -> None:
    await bus.publish([msg(topic, "k", i) for i in range(4)])
    sub = bus.subscribe("lagger", [topic])
    got: list[Message] = []
    for _ in range(50):
        got += await sub.poll(timeout=0.3)
        if len(got) >= 4:
            break
    await sub.commit(got[:1])
    await asyncio.sleep(0.1)
    lag = await sub.lag()
    await sub.close()
    assert lag == 3
