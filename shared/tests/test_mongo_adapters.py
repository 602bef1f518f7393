"""MongoEventStore and MongoReadModels against a real server: what the document design has to
hold without transactions. The behaviours every store shares are the contract suite's.

The server is MONGODB_URI when set, else a local FerretDB started for this module. Several
stores on one database stand for several processes: each has its own client and caches."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from park_shared.errors import AlreadyHandled, WrongExpectedVersion
from park_shared.events import Event, EventMeta, EventRegistry, NewEvent, RecordedEvent
from park_shared.personal_data.keyring import KeyRing
from park_shared.projections.fold_watch import BEAT_SECONDS, DROPPED, FOLDERS
from park_shared.projections.mongo import CHECKPOINT_LAG, MongoReadModels
from park_shared.projections.port import RETIRED_AFTER, Change
from park_shared.projections.runner import ProjectionRunner, ProjectionView
from park_shared.store.mongo import MongoEventStore
from park_shared.web.rate_storage import COLLECTION, SWEEP_EVERY, MongoWindowStorage
from pydantic import BaseModel

pytestmark = [pytest.mark.real, pytest.mark.asyncio]

OpenStore = Callable[[], Awaitable[MongoEventStore]]


@pytest.fixture(scope="module")
def mongo_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if uri := os.environ.get("MONGODB_URI"):
        yield uri
        return
    from park_shared.testing.servers import start_ferretdb

    with start_ferretdb(Path(tmp_path_factory.mktemp("ferretdb"))) as server:
        yield server.url


@pytest.fixture
async def open_store(mongo_uri: str) -> AsyncIterator[OpenStore]:
    """Opens stores on one fresh database, each with its own client; drops it afterwards."""
    name = f"test_mongo_{uuid.uuid4().hex[:12]}"
    opened: list[MongoEventStore] = []

    async def open_one() -> MongoEventStore:
        opened.append(await MongoEventStore.open(mongo_uri, name))
        return opened[-1]

    yield open_one
    if opened:
        await opened[0].database.client.drop_database(name)
    for store in opened:
        await store.close()


def event(n: int) -> NewEvent:
    meta = EventMeta(uuid.uuid4().hex, "2026-01-01T00:00:00+00:00", "corr", "cause")
    return NewEvent("park.test.Happened.v1", b'{"n":%d}' % n, meta)


registry = EventRegistry("test")
CALLERS, EACH = 8, 40  # callers in each of two processes, appends by each


@registry.event()
class Registered(Event):
    lead_id: str


def registered(lead_id: str) -> NewEvent:
    meta = EventMeta(uuid.uuid4().hex, "2026-01-01T00:00:00+00:00", "corr", "cause")
    return NewEvent(*registry.encode(Registered(lead_id=lead_id)), meta)


class Registry:
    """A registration writes its document without reading it first (as investment's leads)."""

    name = "registry"
    collections: tuple[str, ...] = ("registry",)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        assert isinstance(event, Registered)
        view.put("registry", record.stream_id, {"lead_id": event.lead_id})


async def test_a_commit_covering_a_version_refuses_an_append_at_that_version(
    open_store: OpenStore,
) -> None:
    first, other = await open_store(), await open_store()
    assert await first.append("lead-1", [event(1), event(2), event(3)], 0) == 3
    for store in (first, other):  # warm cache, cold cache
        for stale in (0, 1, 2, 4):
            with pytest.raises(WrongExpectedVersion) as lost:
                await store.append("lead-1", [event(9)], stale)
            assert lost.value.actual == 3
    assert await other.append("lead-1", [event(4)], 3) == 4
    assert [r.version for r in await first.read_stream("lead-1")] == [1, 2, 3, 4]


async def test_exactly_one_of_concurrent_appends_at_one_version_wins(
    open_store: OpenStore,
) -> None:
    stores = [await open_store() for _ in range(3)]
    version = 0
    for _ in range(4):
        results = await asyncio.gather(
            *(s.append("race", [event(version)] * (i + 1), version) for i, s in enumerate(stores)),
            return_exceptions=True,
        )
        winners = [r for r in results if isinstance(r, int)]
        losers = [r for r in results if isinstance(r, WrongExpectedVersion)]
        assert len(winners) == 1 and len(losers) == 2
        assert {lost.actual for lost in losers} == {winners[0]}
        await asyncio.gather(*(s.read_stream("race") for s in stores))  # every store learns the head
        version = winners[0]
    positions = [r.position for r in await stores[0].read_all(0, 10_000)]
    assert positions == list(range(1, len(positions) + 1))


async def test_appends_waiting_together_go_in_as_one_group_each_answered_on_its_own(
    open_store: OpenStore,
) -> None:
    first, second = await open_store(), await open_store()
    await second.append("taken", [event(0)], 0, inbox_key="in-0")  # unknown to the first

    # while the first store writes, another process takes positions too
    def one(i: int) -> Awaitable[int]:
        if i == 11:
            return first.append("taken", [event(99)], 0)  # a stale expected version
        if i == 21:
            return first.append("g-dup", [event(98)], 0, inbox_key="in-0")  # a handled inbox key
        return first.append(f"g-{i}", [event(i)] * (1 + i % 3), 0, inbox_key=f"in-{i}")

    mine = [one(i) for i in range(1, 40)]
    theirs = [second.append(f"h-{i}", [event(i)], 0) for i in range(20)]
    results = await asyncio.gather(*mine, *theirs, return_exceptions=True)
    assert isinstance(results[10], WrongExpectedVersion) and results[10].actual == 1
    assert isinstance(results[20], AlreadyHandled)
    ok = [r for i, r in enumerate(results) if i not in (10, 20)]
    assert ok == [1 + i % 3 for i in range(1, 40) if i not in (11, 21)] + [1] * 20
    records = await second.read_all(0, 10_000)
    assert [r.position for r in records] == list(range(1, len(records) + 1))
    streams = {r.stream_id for r in records}
    assert "g-dup" not in streams and len(streams) == 1 + 37 + 20
    assert [r.version for r in await first.read_stream("taken")] == [1]


async def test_commits_written_with_events_as_documents_are_still_read(open_store: OpenStore) -> None:
    """Commits keep their events as one binary value now; a database written before (events
    as a list of documents) reads the same."""
    store = await open_store()
    meta = event(1).meta.to_json()
    old = [{"type": "park.test.Happened.v1", "data": b'{"n":%d}' % n, "meta": meta} for n in (1, 2)]
    first = {"_id": "000000000000001", "block": 0, "end": 2, "stream": "old", "version": 1, "last": 2}
    await store.database["commits"].insert_one({**first, "events": old, "inbox": 1})
    assert await store.append("new", [event(3)], 0) == 1
    records = await (await open_store()).read_all(0)
    assert [(r.position, r.stream_id, r.version, r.data) for r in records] == [
        (1, "old", 1, b'{"n":1}'),
        (2, "old", 2, b'{"n":2}'),
        (3, "new", 1, b'{"n":3}'),
    ]
    assert [r.meta_json for r in await store.read_stream("old")] == [meta, meta]
    stored = await store.database["commits"].find_one({"stream": "new"})
    assert stored is not None and isinstance(stored["events"], bytes)


async def test_a_stream_kept_in_memory_still_shows_another_process_appends(
    open_store: OpenStore,
) -> None:
    first, second = await open_store(), await open_store()
    await first.append("s", [event(1), event(2)], 0)
    assert [r.version for r in await first.read_stream("s")] == [1, 2]  # kept by first
    await second.append("s", [event(3)], 2)
    await second.append("s", [event(4)], 3)
    records = await first.read_stream("s")
    assert [(r.version, r.data) for r in records] == [(i, b'{"n":%d}' % i) for i in (1, 2, 3, 4)]
    records.clear()  # what a read hands out is the caller's own
    assert len(await first.read_stream("s")) == 4
    assert await first.append("s", [event(5)], 4) == 5
    assert [r.position for r in await first.read_stream("s")] == [1, 2, 3, 4, 5]
    assert [r.version for r in await second.read_stream("s")] == [1, 2, 3, 4, 5]


async def test_a_store_behind_another_takes_the_next_free_position(
    open_store: OpenStore,
) -> None:
    first, second = await open_store(), await open_store()
    await first.append("a", [event(1)], 0)
    await second.append("b", [event(2), event(3)], 0)
    assert await first.append("c", [event(4)], 0) == 1  # collides at position 2, retries at 4
    records = await second.read_all()
    assert [(r.position, r.stream_id) for r in records] == [(1, "a"), (2, "b"), (3, "b"), (4, "c")]
    assert await first.last_position() == 4


async def test_a_reader_never_skips_a_position_while_processes_append(
    open_store: OpenStore,
) -> None:
    stores = [await open_store() for _ in range(3)]
    seen: list[int] = []
    writing = True

    async def tail() -> None:
        while True:
            finished = not writing  # before the read: a read begun during the last append may miss it
            batch = await stores[0].read_all(seen[-1] if seen else 0, 7)
            seen.extend(r.position for r in batch)
            if not batch and finished:
                return
            await asyncio.sleep(0 if batch else 0.005)

    async def write(w: int) -> None:
        store, version = stores[w % len(stores)], 0
        for i in range(6):
            version = await store.append(f"writer-{w}", [event(i)] * (1 + i % 3), version)

    reader = asyncio.create_task(tail())
    await asyncio.gather(*(write(w) for w in range(6)))
    writing = False
    await reader
    assert seen == list(range(1, 6 * sum(1 + i % 3 for i in range(6)) + 1))


async def test_the_end_a_process_sees_never_goes_back_while_its_appends_and_lookups_overlap(
    open_store: OpenStore,
) -> None:
    """A read-your-writes catch-up aims at `last_position`: an answer lower than one already
    given (or than a write this process has had acknowledged) would stop it short."""
    here, there = await open_store(), await open_store()
    lookers_at_once = 4
    answers: list[int] = []
    acknowledged: list[tuple[int, int]] = []  # (answers given before the ack, the write's position)
    writing = True

    async def look() -> None:
        while writing:
            answers.append(await here.last_position())

    async def write(w: int) -> None:
        version = 0
        for i in range(20):
            store = here if (w + i) % 2 else there
            version = await store.append(f"writer-{w}", [event(i)], version)
            if store is here:
                acknowledged.append((len(answers), (await here.read_stream(f"writer-{w}"))[-1].position))

    lookers = [asyncio.create_task(look()) for _ in range(lookers_at_once)]
    await asyncio.gather(*(write(w) for w in range(10)))
    writing = False
    await asyncio.gather(*lookers)
    assert answers == sorted(answers), "the end went back"
    for given, position in acknowledged:
        assert all(a >= position for a in answers[given + lookers_at_once :]), position


async def test_callers_asking_for_the_end_at_once_share_looks_that_began_after_they_asked(
    open_store: OpenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sixteen callers at once cost at most two looks at the server, yet a caller never gets an
    answer from a look that began before it asked: one asking while a look is in flight, after
    another process's append was answered, sees that append."""
    here, there = await open_store(), await open_store()
    await there.append("early", [event(0)], 0)
    looks: list[int] = []
    first_look_done, release = asyncio.Event(), asyncio.Event()
    tip = here._tip

    async def slow_tip() -> int:
        end = await tip()
        looks.append(end)
        if len(looks) == 1:
            first_look_done.set()
            await release.wait()  # the first look's answer travels slowly
        return end

    monkeypatch.setattr(here, "_tip", slow_tip)
    first = asyncio.create_task(here.last_position())
    await first_look_done.wait()
    await there.append("late", [event(1)], 0)  # answered while the first look is in flight
    late_end = (await there.read_stream("late"))[-1].position
    later = [asyncio.create_task(here.last_position()) for _ in range(15)]
    await asyncio.sleep(0.05)
    release.set()
    assert await first < late_end
    assert all(end >= late_end for end in await asyncio.gather(*later)), "an answer began before its ask"
    assert len(looks) == 2


async def test_an_inbox_key_is_taken_once_by_a_commit_or_a_marker(
    open_store: OpenStore,
) -> None:
    store, other = await open_store(), await open_store()
    assert await store.append("s", [event(1)], 0, inbox_key="orders:e1") == 1
    assert await store.append("s", [], 1, inbox_key="orders:e2") == 1  # nothing to do: a marker
    for key in ("orders:e1", "orders:e2"):
        assert await other.is_handled(key)
        with pytest.raises(AlreadyHandled):
            await other.append("s", [event(2)], 1, inbox_key=key)
        with pytest.raises(AlreadyHandled):
            await other.append("t", [], 0, inbox_key=key)
    with pytest.raises(WrongExpectedVersion):
        await other.append("s", [], 0, inbox_key="orders:e3")
    assert not await store.is_handled("orders:e3")
    assert [r.position for r in await store.read_all()] == [1]


async def test_a_replayed_read_model_commit_changes_nothing(
    open_store: OpenStore,
) -> None:
    models = MongoReadModels((await open_store()).database)
    first = [
        Change("leads", "b", {"name": "Beta", "stage": "new"}, 3),
        Change("leads", "a", {"name": "Acme", "stage": "new"}, 4),
        Change("leads", "c", {"name": "Gamma", "stage": "new"}, 5),
    ]
    later = [Change("leads", "a", {"name": "Acme", "stage": "signed"}, 7), Change("leads", "c", None, 8)]
    await models.commit("leads", first, 5)
    await models.commit("leads", later, 8)
    await models.commit("leads", first, 5)  # a crash before the checkpoint replays a batch
    assert await models.find("leads") == [
        {"name": "Acme", "stage": "signed"},
        {"name": "Beta", "stage": "new"},
    ]
    assert await models.find("leads", {"stage": "new"}) == [{"name": "Beta", "stage": "new"}]
    assert await models.get("leads", "c") is None
    await models.reset("leads", ["leads"])
    assert await models.find("leads") == [] and await models.checkpoint("leads") == 0


async def test_a_change_another_process_wrote_first_holds_back_no_other_change(
    open_store: OpenStore,
) -> None:
    """Two replicas fold the same events into one database: what the other one wrote first is
    refused here as stale, and every other change of the same commit is still written,
    upserts and deletes alike."""
    store = await open_store()
    here, there = MongoReadModels(store.database), MongoReadModels(store.database)
    await here.commit("leads", [Change("leads", "gone", {"name": "Old"}, 1)], 1)
    await there.commit("leads", [Change("leads", "a", {"name": "Acme"}, 2)], 2)
    await here.commit(
        "leads",
        [
            Change("leads", "a", {"name": "Acme"}, 2),  # the other replica got there first
            Change("leads", "b", {"name": "Beta"}, 3),
            Change("leads", "gone", None, 4),
            Change("leads", "c", {"name": "Gamma"}, 5),
        ],
        5,
    )
    assert await here.find("leads") == [{"name": "Acme"}, {"name": "Beta"}, {"name": "Gamma"}]
    assert await here.get("leads", "gone") is None
    assert await here.get_at("leads", "gone") == (None, 4)  # an older event's write loses to it
    await there.commit("leads", [Change("leads", "gone", {"name": "Old"}, 1)], 1)  # a late replay
    assert await there.get("leads", "gone") is None
    await there.commit("leads", [Change("leads", "gone", {"name": "Back"}, 6)], 6)
    assert await there.find("leads", {"name": "Back"}) == [{"name": "Back"}]


async def test_an_erased_subject_gets_a_new_key_as_on_every_store(open_store: OpenStore) -> None:
    """An erased key is deleted outright, as a row is on SQLite, so a subject whose key was
    erased gets a new one when new data of theirs is sealed, and two seals racing for it end up
    with one key, round after round (a tombstone replaced in place let both racers win on
    FerretDB, whose updates do not check their filter again when they write)."""
    store = await open_store()
    keys = KeyRing(MongoReadModels(store.database))
    await keys.add("subject-1", {"key_id": "k0"})
    for round_ in range(1, 9):
        assert not await keys.delete("subject-1", key_id="not-the-key")
        assert await keys.delete("subject-1")
        assert await keys.get("subject-1") is None
        both = await asyncio.gather(
            keys.add("subject-1", {"key_id": f"k{round_}a"}), keys.add("subject-1", {"key_id": f"k{round_}b"})
        )
        assert both[0] == both[1] and both[0]["key_id"] in (f"k{round_}a", f"k{round_}b")
        assert await keys.get("subject-1") == both[0]


async def test_a_replica_reads_its_own_write_when_the_other_folded_part_of_its_batch(
    open_store: OpenStore,
) -> None:
    """Two processes, each with its store, read models and projection runner on one database:
    the other one folds the first registration before this one's pass does; this one's pass
    then finds that document already written (stale here) and must still write the next one,
    its own command's result (read-your-writes: `Application.run_then_read`)."""
    here_store, there_store = await open_store(), await open_store()
    here_models = MongoReadModels(here_store.database)
    there_models = MongoReadModels(there_store.database)
    here = ProjectionRunner(here_store, here_models, registry, [Registry()])
    there = ProjectionRunner(there_store, there_models, registry, [Registry()])
    await here.catch_up()  # both runners have started (their checkpoints read)
    await there.catch_up()
    await here_store.append("lead-a", [registered("a")], 0)
    assert await there.catch_up() == 1  # the other replica's pass got to it first
    await here_store.append("lead-b", [registered("b")], 0)
    assert await here.catch_up() == 2
    assert await here_models.get("registry", "lead-b") == {"lead_id": "b"}
    assert await here_models.find("registry") == [{"lead_id": "a"}, {"lead_id": "b"}]


async def test_another_process_reads_from_any_position_across_blocks_and_inside_commits(
    open_store: OpenStore,
) -> None:
    """Commits of 7 events straddle the 256-position blocks; a reader that has seen nothing
    (another process) gets every later position from any `after`, a commit end or not, and
    the global end walks the blocks to the last commit."""
    writer = await open_store()
    version = 0
    for i in range(80):  # positions 1..560: blocks 0, 1 and 2
        version = await writer.append("long", [event(i)] * 7, version)
    for after in (0, 1, 6, 7, 250, 252, 255, 256, 257, 511, 512, 553, 559, 560):
        reader = await open_store()
        assert [r.position for r in await reader.read_all(after, 10_000)] == list(range(after + 1, 561))
        first = [r.position for r in await reader.read_all(after, 3)][:1]
        assert first == ([after + 1] if after < 560 else [])
    assert await (await open_store()).last_position() == 560


async def test_replicas_writing_the_first_checkpoint_at_once_all_succeed(open_store: OpenStore) -> None:
    """Two replicas' runners may both upsert a projection's first checkpoint; one of the upserts
    then meets the other's document (E11000 on FerretDB): it must update it, not fail."""
    replicas = [MongoReadModels((await open_store()).database) for _ in range(4)]
    for round_ in range(5):
        name = f"projection-{round_}"
        await asyncio.gather(*(r.commit(name, [], 10 + i) for i, r in enumerate(replicas)))
        assert await replicas[0].checkpoint(name) in {10, 11, 12, 13}


async def test_a_reader_following_the_log_from_the_ends_it_has_seen_gets_every_position_once(
    open_store: OpenStore,
) -> None:
    """From a commit end it has seen, a reader on FerretDB looks the next commits up by `_id`
    (or takes those it wrote or read lately from memory) before a block read: reads of a few
    commits and of many, across blocks, miss nothing."""
    writer = await open_store()
    version = 0
    for i in range(80):  # positions 1..560 in commits of 7: blocks 0, 1 and 2
        version = await writer.append("long", [event(i)] * 7, version)
    for limit in (7, 1, 3, 9, 20, 10_000):
        reader = await open_store() if limit != 7 else writer  # the writer: its own commits, kept
        seen: list[int] = []
        while batch := await reader.read_all(seen[-1] if seen else 0, limit):
            seen += [r.position for r in batch]
        assert seen == list(range(1, 561))
        assert await reader.last_position() == 560
    other = await open_store()
    await other.append("long", [event(80)], version)
    for store in (reader, writer):
        assert [r.position for r in await store.read_all(560)] == [561]
        assert await store.last_position() == 561


async def test_a_checkpoint_is_written_when_new_or_far_behind_and_read_back_by_its_process(
    open_store: OpenStore,
) -> None:
    """The first checkpoint goes in; later ones within CHECKPOINT_SECONDS wait until they are
    CHECKPOINT_LAG positions past the written one; the committing process reads its own."""
    database = (await open_store()).database
    runner, restarted = MongoReadModels(database), MongoReadModels(database)
    await runner.commit("p", [Change("things", "a", {"n": 1}, 5)], 5)
    await runner.commit("p", [Change("things", "a", {"n": 2}, 9)], 9)
    assert await runner.checkpoint("p") == 9
    assert await restarted.checkpoint("p") == 5  # a lower bound: replaying 6..9 changes nothing
    assert await restarted.get("things", "a") == {"n": 2}
    await runner.commit("p", [], 5 + CHECKPOINT_LAG)
    assert await MongoReadModels(database).checkpoint("p") == 5 + CHECKPOINT_LAG


class Tally:
    """A running total on one document, read and changed in place (as industrial-co's
    offerings count their subscriptions): the document every event of a burst changes."""

    name = "tally"
    collections: tuple[str, ...] = ("tally",)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        doc = await view.get("tally", "all") or {"count": 0}
        view.put("tally", "all", {"count": doc["count"] + 1})


async def test_replicas_keep_the_documents_and_checkpoints_of_their_projections_apart(
    open_store: OpenStore,
) -> None:
    """With PARK_REPLICA, what a replica's projections own is its own; every other collection
    (a keyring's keys, here) is the service's, seen by every replica and the unnamed process."""
    database = (await open_store()).database
    a, b, unnamed = (MongoReadModels(database, replica=r, private=["tally"]) for r in ("a", "b", ""))
    await a.commit("tally", [Change("tally", "all", {"count": 3}, 3)], 3)
    await b.commit("tally", [Change("tally", "all", {"count": 1}, 1)], 1)
    assert await a.get_at("tally", "all") == ({"count": 3}, 3)
    assert await b.get_at("tally", "all") == ({"count": 1}, 1)
    assert await unnamed.get_at("tally", "all") == (None, 0)
    restarted = [MongoReadModels(database, replica=replica) for replica in ("a", "b")]
    assert [await m.checkpoint("tally") for m in restarted] == [3, 1]
    assert await MongoReadModels(database).checkpoint("tally") == 0
    assert await a.insert_if_absent("keys", "subject-1", {"key_id": "k1"})
    assert not await b.insert_if_absent("keys", "subject-1", {"key_id": "k2"})
    assert await unnamed.get("keys", "subject-1") == {"key_id": "k1"}
    await a.reset("tally", ["tally"])
    assert await b.get("tally", "all") == {"count": 1}


async def test_two_replicas_folding_one_document_through_a_burst_each_count_every_event(
    open_store: OpenStore,
) -> None:
    """Two replicas append a burst to one database, each folding after each of its appends
    (read-your-writes) into its own running total: no read sees a total go back, and each ends
    with every event of both counted."""
    processes = []
    for replica in ("a", "b"):
        store = await open_store()
        models = MongoReadModels(store.database, ferretdb=store.ferretdb, replica=replica, private=["tally"])
        processes.append((store, models, ProjectionRunner(store, models, registry, [Tally()])))
    seen: dict[str, list[int]] = {"a": [], "b": []}  # each process's reads, in order

    async def caller(replica: str, n: int) -> None:
        store, models, runner = processes["ab".index(replica)]
        for i in range(EACH):
            await store.append(f"lead-{replica}{n}-{i}", [registered(f"{replica}{n}-{i}")], 0)
            await runner.catch_up()
            doc = await models.get("tally", "all")
            seen[replica].append(doc["count"] if doc else 0)

    await asyncio.gather(*(caller(replica, n) for replica in "ab" for n in range(CALLERS)))
    for (_, models, runner), replica in zip(processes, "ab", strict=True):
        await runner.catch_up()
        assert await models.get("tally", "all") == {"count": 2 * CALLERS * EACH}
        assert seen[replica] == sorted(seen[replica]), seen[replica]


async def test_two_live_processes_folding_under_one_replica_name_are_reported_and_a_crashed_one_is_not(
    open_store: OpenStore, caplog: pytest.LogCaptureFixture
) -> None:
    """Each process commits by turns, BEAT_SECONDS apart: two alive under one name (PARK_REPLICA
    unset in both) each name the other within two beats, with an error in the log; one started
    after the other stopped (a crash) sees a last beat that never moves, and names nobody;
    replicas of other names name nobody."""
    database = (await open_store()).database
    now = [0.0]

    def models(replica: str) -> MongoReadModels:
        return MongoReadModels(database, replica=replica, private=["tally"], clock=lambda: now[0])

    async def rounds(*processes: MongoReadModels, n: int = 3) -> None:
        for i in range(n):
            for m in processes:
                await m.commit("tally", [], i)
            now[0] += BEAT_SECONDS

    first, second, named = models(""), models(""), models("b")
    await rounds(first, second, named)
    assert first.shared_with is not None and second.shared_with is not None
    assert first.shared_with != second.shared_with
    assert named.shared_with is None
    assert "give each replica of the service its own PARK_REPLICA" in caplog.text
    now[0] += BEAT_SECONDS * 3
    restarted = models("")
    for n in range(3):  # `first` and `second` have stopped
        await rounds(restarted, named, n=1)
        assert restarted.shared_with is None and named.shared_with is None, n
    assert first.shared_with is None


async def test_hits_counted_at_once_through_two_replicas_each_get_a_number_of_their_own(
    open_store: OpenStore,
) -> None:
    """200 hits on one key, eight callers at a time, half through each of two replicas: the
    numbers handed out are 1..200, each once, and the window counts 200 (a `$inc` counter
    counted 125: FerretDB v1's updates do not check their filter again when they write)."""
    replicas = [
        MongoWindowStorage(lambda d=(await open_store()).database: d, clock=lambda: 6_000_030.0)
        for _ in range(2)
    ]

    async def caller(n: int) -> list[int]:
        return [await replicas[n % 2].incr("public:/policies:10.0.0.1", 60) for _ in range(25)]

    numbers = [number for numbers in await asyncio.gather(*map(caller, range(8))) for number in numbers]
    assert sorted(numbers) == list(range(1, 201))
    assert [await r.get("public:/policies:10.0.0.1") for r in replicas] == [200, 200]


async def test_a_window_is_the_clocks_and_hits_past_the_ceiling_are_refused_unwritten(
    open_store: OpenStore,
) -> None:
    """Windows of 60 s run from each minute on the clock: a hit in the next one is number 1
    again, and the last one's hits no longer count; past the ceiling (the highest limit in
    force) a hit still gets its number but leaves no document; expired windows are swept."""
    database = (await open_store()).database
    now = [6_000_030.0]  # half a minute into window 100,000
    windows = MongoWindowStorage(lambda: database, ceiling=5, clock=lambda: now[0])
    assert [await windows.incr("k", 60) for _ in range(7)] == [1, 2, 3, 4, 5, 6, 7]
    assert await windows.get("k") == 5 and await windows.get_expiry("k") == 6_000_060.0
    assert await database[COLLECTION].count_documents({}) == 5
    now[0] = 6_000_061.0
    assert await windows.get("k") == 0
    assert await windows.incr("k", 60, amount=2) == 2 and await windows.get_expiry("k") == 6_000_120.0
    for _ in range(SWEEP_EVERY):  # one sweep on the way: the first window's documents go
        await windows.incr("other", 60)
    assert await database[COLLECTION].count_documents({"key": "k"}) == 2


async def test_a_replica_cut_off_while_its_read_models_were_dropped_rebuilds_them_when_it_comes_back(
    open_store: OpenStore,
) -> None:
    """b folds 3 events, then loses the database for longer than RETIRED_AFTER (its clocks go
    on, it cannot beat); a drops b's set as retired (projections/replica_sets.py). b comes back
    with its checkpoint in memory and 2 more events to fold: it finds its beat marked, and
    counts all 5, not 2; then the mark is gone and a lists b's set again."""
    store = await open_store()
    seconds, wall = [0.0], [datetime(2026, 3, 2, 9, 0, tzinfo=UTC)]

    def models(replica: str) -> MongoReadModels:
        return MongoReadModels(
            store.database,
            replica=replica,
            private=["tally"],
            clock=lambda: seconds[0],
            wall_clock=lambda: wall[0],
        )

    a, b = models("a"), models("b")
    b_runner = ProjectionRunner(store, b, registry, [Tally()])
    for n in range(3):
        await store.append(f"lead-{n}", [registered(str(n))], 0)
    await b_runner.catch_up()
    assert await b.get("tally", "all") == {"count": 3}

    seconds[0] += (RETIRED_AFTER + timedelta(seconds=BEAT_SECONDS)).total_seconds()
    wall[0] += RETIRED_AFTER + timedelta(seconds=BEAT_SECONDS)
    await a.commit("tally", [], 1)  # a beats on
    await a.drop_replica_set("b")
    assert [s.replica for s in await a.replica_sets()] == ["a"]

    for n in range(3, 5):
        await store.append(f"lead-{n}", [registered(str(n))], 0)
    follow = asyncio.create_task(b_runner.run(idle_interval=0.01))
    try:
        for _ in range(500):
            if await b.get("tally", "all") == {"count": 5}:
                break
            await asyncio.sleep(0.01)
        assert await b.get("tally", "all") == {"count": 5}
    finally:
        follow.cancel()
    assert DROPPED not in (await store.database[FOLDERS].find_one({"_id": "b"}) or {DROPPED: 1})
    assert "b" in [s.replica for s in await a.replica_sets()]
