"""KafkaBus against a real broker: group partition split, broker outage, resume after commit.

The broker is the session's (KAFKA_BOOTSTRAP_SERVERS when set, else a local single node);
the outage test starts and stops one of its own."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from pathlib import Path

import pytest
from aiokafka.structs import TopicPartition
from park_shared.bus.kafka import KafkaBus, KafkaSubscription
from park_shared.bus.port import Message
from park_shared.testing.pytest_plugin import RealServers

pytestmark = [pytest.mark.real, pytest.mark.asyncio]

EXTERNAL = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")


@pytest.fixture
def kafka_url(real_servers: RealServers) -> str:
    return real_servers.kafka


def unique(prefix: str) -> str:
    return f"test.{prefix}.{uuid.uuid4().hex[:8]}"


def all_partitions(topic: str, count: int) -> set[tuple[str, int]]:
    return {(topic, p) for p in range(count)}


def messages(topic: str, count: int, keys: int = 1, tag: str = "m") -> list[Message]:
    return [
        Message(topic, f"k{i % keys}", f"{tag}{i}".encode(), (("n", str(i).encode()),)) for i in range(count)
    ]


async def started_bus(url: str, connect_timeout: float = 10.0, publish_timeout: float = 30.0) -> KafkaBus:
    bus = KafkaBus(url, "test-kafka-bus", connect_timeout=connect_timeout, publish_timeout=publish_timeout)
    await bus.start()
    return bus


async def drain(sub: KafkaSubscription, want: int, seconds: float = 30.0) -> list[Message]:
    """Polls and commits until `want` messages came, or `seconds` passed."""
    got: list[Message] = []
    deadline = time.monotonic() + seconds
    while len(got) < want and time.monotonic() < deadline:
        batch = await sub.poll(timeout=0.5)
        await sub.commit(batch)
        got.extend(batch)
    return got


async def drain_group(subs: list[KafkaSubscription], want: int, seconds: float = 30.0) -> list[list[Message]]:
    """Polls and commits every member in turn until `want` messages came in all."""
    got: list[list[Message]] = [[] for _ in subs]
    deadline = time.monotonic() + seconds
    while sum(map(len, got)) < want and time.monotonic() < deadline:
        for sub, mine in zip(subs, got, strict=True):
            batch = await sub.poll(timeout=0.2)
            await sub.commit(batch)
            mine.extend(batch)
    return got


async def settle(subs: list[KafkaSubscription], partitions: int, seconds: float = 30.0) -> None:
    """Polls every member until the group's assignment is complete and disjoint."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for sub in subs:
            assert await sub.poll(timeout=0.2) == []
        held = [sub.assigned() for sub in subs]
        if all(held) and sum(map(len, held)) == partitions == len(set().union(*held)):
            return
    raise AssertionError(f"group did not settle: {[sub.assigned() for sub in subs]}")


async def test_two_members_split_partitions_and_get_every_message_once(kafka_url: str) -> None:
    topic, group = unique("split"), unique("group")
    bus = await started_bus(kafka_url)
    await bus.ensure_topics([topic], partitions=4)
    await bus.ensure_topics([topic], partitions=4)  # already there: no error
    a, b = bus.subscribe(group, [topic]), bus.subscribe(group, [topic])
    try:
        await settle([a, b], partitions=4)
        sent = messages(topic, 400, keys=16)
        await bus.publish(sent)
        got_a, got_b = await drain_group([a, b], len(sent))
        assert {(m.partition, m.offset) for m in got_a}.isdisjoint({(m.partition, m.offset) for m in got_b})
        assert {m.partition for m in got_a} <= {p for _, p in a.assigned()}
        assert {m.partition for m in got_b} <= {p for _, p in b.assigned()}
        assert sorted(m.value for m in got_a + got_b) == sorted(m.value for m in sent)
        for key in {m.key for m in sent}:  # each key's messages arrive in publish order
            order = [int(m.value[1:]) for m in got_a + got_b if m.key == key]
            assert order == sorted(order)
        assert await a.lag() == 0 and await b.lag() == 0
        assert await a.poll(timeout=1.0) == [] and await b.poll(timeout=1.0) == []
    finally:
        await a.close()
        await b.close()
        await bus.close()


async def test_commit_after_a_rebalance_skips_lost_partitions_which_are_redelivered(
    kafka_url: str,
) -> None:
    topic, group = unique("rebalance"), unique("group")
    bus = await started_bus(kafka_url)
    await bus.ensure_topics([topic], partitions=4)
    a, b = bus.subscribe(group, [topic]), bus.subscribe(group, [topic])
    try:
        await settle([a], partitions=4)
        sent = messages(topic, 80, keys=16)
        await bus.publish(sent)
        handled = await drain_without_commit(a, len(sent))
        redelivered: list[Message] = []
        async with asyncio.timeout(30):  # b joins; a, not polling, loses partitions meanwhile
            while not (b.assigned() and a.assigned() == all_partitions(topic, 4) - b.assigned()):
                redelivered += await b.poll(timeout=0.2)
        await a.commit(handled)  # no error: the lost partitions are left to b
        kept = {p for _, p in a.assigned()}
        lost = sorted(m.value for m in handled if m.partition not in kept)
        assert len(handled) == len(sent) and lost
        await b.commit(redelivered)
        redelivered += await drain(b, len(lost) - len(redelivered))
        assert sorted(m.value for m in redelivered) == lost
        assert await a.lag() == 0 and await b.lag() == 0
    finally:
        await a.close()
        await b.close()
        await bus.close()


async def test_consumer_restarted_after_commit_resumes_after_committed_offset(
    kafka_url: str,
) -> None:
    topic, group = unique("resume"), unique("group")
    bus = await started_bus(kafka_url)
    await bus.ensure_topics([topic], partitions=1)
    await bus.publish(messages(topic, 10))
    first = bus.subscribe(group, [topic])
    got = await drain_without_commit(first, 10)
    assert [m.value for m in got] == [f"m{i}".encode() for i in range(10)]
    await first.commit(got[:6])
    assert await first.lag() == 4
    await first.close()

    second = bus.subscribe(group, [topic])
    try:
        rest = await drain_without_commit(second, 4)
        assert [m.value for m in rest] == [f"m{i}".encode() for i in range(6, 10)]
        assert rest[0].offset == got[6].offset
        assert rest[0].header("n") == "6"
    finally:
        await second.close()
        await bus.close()


async def drain_without_commit(sub: KafkaSubscription, want: int) -> list[Message]:
    got: list[Message] = []
    deadline = time.monotonic() + 30.0
    while len(got) < want and time.monotonic() < deadline:
        got.extend(await sub.poll(timeout=0.5))
    return got


@pytest.mark.skipif(
    bool(EXTERNAL), reason="stops and restarts its own broker; KAFKA_BOOTSTRAP_SERVERS is set"
)
async def test_publish_during_broker_outage_is_bounded_and_succeeds_after_restart(
    tmp_path: Path,
) -> None:
    from park_shared.testing.servers import start_kafka

    workdir = tmp_path / "kafka"
    server = start_kafka(workdir)
    port = int(server.url.rsplit(":", 1)[1])
    topic = unique("outage")
    bus = await started_bus(server.url, connect_timeout=3.0, publish_timeout=3.0)
    try:
        await bus.ensure_topics([topic], partitions=1)
        await bus.publish(messages(topic, 3, tag="before"))
        server.stop()

        started = time.monotonic()
        with pytest.raises(ConnectionError):
            await bus.publish(messages(topic, 1, tag="during"))
        assert time.monotonic() - started < 10.0
        with pytest.raises(ConnectionError):
            await bus.ping()
        with pytest.raises(ConnectionError):
            await started_bus(server.url, connect_timeout=3.0)

        server = start_kafka(workdir, port)
        await publish_with_retries(bus, messages(topic, 3, tag="after"), seconds=60.0)
        await bus.ping()
        sub = bus.subscribe(unique("group"), [topic])
        try:
            values = [m.value for m in await drain(sub, 6)]
            values += [m.value for m in await sub.poll(timeout=2.0)]
        finally:
            await sub.close()
        assert values[:3] == [b"before0", b"before1", b"before2"]
        after = [v for v in values if v.startswith(b"after")]
        assert list(dict.fromkeys(after)) == [b"after0", b"after1", b"after2"]
        print("outage: consumed", values)
    finally:
        await bus.close()
        server.stop()


async def publish_with_retries(bus: KafkaBus, batch: list[Message], seconds: float) -> None:
    """What the outbox relay does: try again until the broker is back."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return await bus.publish(batch)
        except ConnectionError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)


async def test_a_sequence_gap_fails_one_publish_and_the_next_takes_a_new_producer(kafka_url: str) -> None:
    """The broker refuses a batch whose sequence number skips ahead (OutOfOrderSequenceNumber)
    and every later one of that producer on that partition: after a failed delivery the bus
    renews its producer, so publishing resumes instead of failing for good."""
    topic = unique("gap")
    bus = await started_bus(kafka_url, publish_timeout=15.0)
    try:
        await bus.ensure_topics([topic], 1)
        await bus.publish(messages(topic, 2, tag="before"))
        old_producer = bus.producer
        partition = TopicPartition(topic, 0)
        old_producer._txn_manager.increment_sequence_number(partition, 5)  # a gap, as after a lost batch

        with pytest.raises(ConnectionError):
            await bus.publish(messages(topic, 1, tag="gap"))
        await bus.publish(messages(topic, 3, tag="after"))

        assert bus.producer is not old_producer
        sub = bus.subscribe(unique("gap-reader"), [topic])
        try:
            got = await drain(sub, want=5)
        finally:
            await sub.close()
        assert [m.value for m in got] == [b"before0", b"before1", b"after0", b"after1", b"after2"]
    finally:
        await bus.close()


async def test_a_member_holding_no_partition_tells_the_group_s_lag_not_zero(kafka_url: str) -> None:
    topic, group = unique("lag"), unique("lag-group")
    bus = await started_bus(kafka_url)
    subs: list[KafkaSubscription] = []
    try:
        await bus.ensure_topics([topic], 1)
        await bus.publish(messages(topic, 5))
        for _ in range(2):  # one partition, two members: one of them holds nothing
            subs.append(bus.subscribe(group, [topic]))
            await subs[-1].poll(timeout=0.5)
        for _ in range(40):
            await asyncio.gather(*(s.poll(timeout=0.2) for s in subs))  # uncommitted: lag stays 5
            if sorted(len(s.assigned()) for s in subs) == [0, 1]:
                break
        assert sorted(len(s.assigned()) for s in subs) == [0, 1]
        assert [await s.lag() for s in subs] == [5, 5]
    finally:
        for sub in subs:
            await sub.close()
        await bus.close()


async def test_a_member_asked_its_lag_while_it_first_polls_joins_the_group_once(kafka_url: str) -> None:
    """`/ops/status` asks a member its lag while the member's first poll is joining the group:
    both start the consumer, and a second consumer would join as a member that never polls,
    holding its share of the partitions while the messages on them wait."""
    topic, group = unique("once"), unique("once-group")
    bus = await started_bus(kafka_url)
    await bus.ensure_topics([topic], partitions=4)
    sub = bus.subscribe(group, [topic])
    try:
        await asyncio.gather(sub.lag(), sub.poll(timeout=0.5), sub.lag())
        deadline = time.monotonic() + 8  # a second member would hold its share for 10 s at least
        while sub.assigned() != all_partitions(topic, 4) and time.monotonic() < deadline:
            await sub.poll(timeout=0.2)
        assert sub.assigned() == all_partitions(topic, 4)
    finally:
        await sub.close()
        await bus.close()
