"""The event-store contract: the same cases on SQLite and on MongoDB (FerretDB)."""

from __future__ import annotations

import asyncio

import pytest
from park_shared.errors import AlreadyHandled, WrongExpectedVersion
from park_shared.events import EventMeta, NewEvent
from park_shared.store.port import EventStore


def new(n: int, kind: str = "park.test.Happened.v1") -> NewEvent:
    meta = EventMeta(f"id-{n}-{id(object())}", "2026-11-29T10:00:00+08:00", "corr", "cause", "hq:tester")
    return NewEvent(kind, b'{"n": %d}' % n, meta)


async def test_appended_events_read_back_in_order_with_their_metadata(store: EventStore) -> None:
    version = await store.append("case-1", [new(1), new(2)], 0)
    version = await store.append("case-1", [new(3)], version)

    records = await store.read_stream("case-1")

    assert version == 3
    assert [r.version for r in records] == [1, 2, 3]
    assert [r.data for r in records] == [b'{"n": 1}', b'{"n": 2}', b'{"n": 3}']
    assert records[0].meta.actor == "hq:tester" and records[0].meta.correlation_id == "corr"
    assert await store.read_stream("case-unknown") == []


async def test_of_two_appends_at_the_same_expected_version_exactly_one_wins(store: EventStore) -> None:
    await store.append("lead-1", [new(0)], 0)

    results = await asyncio.gather(
        *(store.append("lead-1", [new(i)], 1) for i in range(1, 6)), return_exceptions=True
    )

    winners = [r for r in results if r == 2]
    losers = [r for r in results if isinstance(r, WrongExpectedVersion)]
    assert len(winners) == 1 and len(losers) == 4
    assert all(loser.actual == 2 for loser in losers)
    assert len(await store.read_stream("lead-1")) == 2


async def test_a_multi_event_append_is_all_or_nothing(store: EventStore) -> None:
    await store.append("offering-1", [new(1)], 0)

    with pytest.raises(WrongExpectedVersion):
        await store.append("offering-1", [new(2), new(3), new(4)], 0)
    await store.append("offering-2", [new(5)], 0, inbox_key="consumer:evt-1")
    with pytest.raises(AlreadyHandled):
        await store.append("offering-3", [new(6), new(7)], 0, inbox_key="consumer:evt-1")

    assert [r.version for r in await store.read_stream("offering-1")] == [1]
    assert await store.read_stream("offering-3") == []
    assert len(await store.read_all(0)) == 2


async def test_a_redelivered_event_has_one_effect_through_the_inbox(store: EventStore) -> None:
    await store.append("case-7", [new(1)], 0, inbox_key="service-center:lead-signed-9")

    with pytest.raises(AlreadyHandled):
        await store.append("case-7", [new(2)], 1, inbox_key="service-center:lead-signed-9")
    await store.append("case-8", [], 0, inbox_key="service-center:ignored-1")

    assert await store.is_handled("service-center:lead-signed-9")
    assert await store.is_handled("service-center:ignored-1")
    assert not await store.is_handled("service-center:other")
    assert len(await store.read_stream("case-7")) == 1


async def test_the_global_read_skips_nothing_under_concurrent_appends(store: EventStore) -> None:
    writers, per_writer = 8, 25
    seen: list[int] = []
    done = asyncio.Event()

    async def write(w: int) -> None:
        version = 0
        for i in range(per_writer):
            version = await store.append(f"stream-{w}", [new(i)] * (1 + i % 3), version)
        return None

    async def tail() -> None:
        after = 0
        while True:
            finished = done.is_set()  # before the read: a read begun during the last append may miss it
            batch = await store.read_all(after, 50)
            seen.extend(r.position for r in batch)
            after = batch[-1].position if batch else after
            if finished and not batch:
                return
            await asyncio.sleep(0)

    reader = asyncio.create_task(tail())
    await asyncio.gather(*(write(w) for w in range(writers)))
    done.set()
    await reader

    every = [r.position for r in await store.read_all(0, 100_000)]
    assert seen == every
    assert len(every) == writers * sum(1 + i % 3 for i in range(per_writer))
    assert every == sorted(every) and len(set(every)) == len(every)


async def test_a_cursor_never_moves_backwards(store: EventStore) -> None:
    assert await store.get_cursor("outbox") == 0
    await store.set_cursor("outbox", 7)
    await store.set_cursor("outbox", 3)
    assert await store.get_cursor("outbox") == 7
