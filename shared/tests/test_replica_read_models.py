"""Each replica's read models in the service's database, seen and dropped by an operator:
`GET /ops/read-models` lists the sets, `DELETE /ops/read-models?replica=` drops a retired one's
(projections/replica_sets.py). On the real FerretDB where replicas share a database; on the
embedded default, where a SQLite file is one process's and there is nothing to list."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from park_shared.application import Application
from park_shared.errors import Conflict, NotFound
from park_shared.events import EventRegistry
from park_shared.projections.fold_watch import BEAT_SECONDS, DROPPED, FOLDERS
from park_shared.projections.mongo import MongoReadModels
from park_shared.projections.port import RETIRED_AFTER, Change
from park_shared.projections.runner import ProjectionRunner
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, running_app
from park_shared.testing.pytest_plugin import RealServers
from park_shared.web.app import create_service_app
from pymongo.asynchronous.database import AsyncDatabase

OPS = auth_header("inv", "inv.officer")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def app_on(settings: ParkSettings) -> Any:
    async def bootstrap() -> Application:
        return Application(Runtime("investment", "inv", settings, EventRegistry("investment")))

    return create_service_app(title="t", description="d", bootstrap=bootstrap, routers=[])


@pytest.fixture
async def embedded(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(app_on(ParkSettings(park_env="test", park_data_dir=tmp_path))) as client:
        yield client


async def test_the_embedded_store_lists_no_replicas_and_has_none_to_drop(embedded: httpx.AsyncClient) -> None:
    assert (await embedded.get("/ops/read-models", headers=OPS)).json() == {
        "service": "investment",
        "sets": [],
    }
    assert (await embedded.get("/ops/status")).json()["replica"] == ""
    missing = await embedded.delete("/ops/read-models", params={"replica": "b"}, headers=OPS)
    assert missing.status_code == 404 and missing.json()["replica"] == "b"


async def test_a_drop_names_its_replica_in_the_settings_shape_and_needs_a_token(
    embedded: httpx.AsyncClient,
) -> None:
    unnamed = await embedded.delete("/ops/read-models", headers=OPS)
    assert unnamed.status_code == 422 and "replica" in unnamed.text  # no default: "" is asked for
    for bad in ("B", "a_b", "x" * 41):
        refused = await embedded.delete("/ops/read-models", params={"replica": bad}, headers=OPS)
        assert refused.status_code == 422, bad
    assert (await embedded.delete("/ops/read-models", params={"replica": "b"})).status_code == 401
    assert (await embedded.get("/ops/read-models")).status_code == 401


@pytest.fixture
async def database(real_servers: RealServers) -> AsyncIterator[AsyncDatabase[dict[str, Any]]]:
    from pymongo import AsyncMongoClient

    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(real_servers.mongodb)
    name = f"t{uuid.uuid4().hex[:10]}_park_investment"  # the service's database in a namespace
    yield client[name]
    await client.drop_database(name)
    await client.close()


class Clocks:
    """A replica's monotonic seconds and wall-clock time, moved together."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.wall = T0

    def advance(self, by: timedelta) -> None:
        self.seconds += by.total_seconds()
        self.wall += by


def replica(database: AsyncDatabase[dict[str, Any]], name: str, clocks: Clocks) -> MongoReadModels:
    return MongoReadModels(
        database,
        replica=name,
        private=["tally"],
        clock=lambda: clocks.seconds,
        wall_clock=lambda: clocks.wall,
    )


async def folded(models: MongoReadModels, count: int) -> None:
    await models.commit("tally", [Change("tally", "all", {"count": count}, count)], count)


@pytest.mark.real
async def test_a_retired_replicas_read_models_are_dropped_and_nothing_else(
    database: AsyncDatabase[dict[str, Any]],
) -> None:
    """Replicas a and b and an unnamed process fold into sets of their own; b stops. From a, b is
    kept while its last beat is younger than RETIRED_AFTER and dropped after: its collections and
    its beat, not a's, not the unnamed one's, not what every replica shares (the keyring's)."""
    clocks = Clocks()
    a, b, unnamed = (replica(database, name, clocks) for name in ("a", "b", ""))
    for models in (a, b, unnamed):
        await folded(models, 2)
    assert await a.insert_if_absent("personal_data_keys", "subject-1", {"key_id": "k1"})
    listed = {s.replica: s for s in await a.replica_sets()}
    assert listed.keys() == {"", "a", "b"}
    assert listed["b"].collections == ("checkpoints-b", "rm-b_tally")
    assert listed[""].collections == ("checkpoints", "rm_tally")  # not rm_personal_data_keys
    assert [s.own for s in listed.values()] == [False, True, False]
    assert listed["b"].last_beat == T0

    clocks.advance(RETIRED_AFTER - timedelta(seconds=1))
    await folded(a, 3)  # a beats on; b has stopped
    with pytest.raises(Conflict, match="alive at 2026-03-02T09:00:00"):
        await a.drop_replica_set("b")
    assert await b.get("tally", "all") == {"count": 2}

    clocks.advance(timedelta(seconds=1))
    dropped = await a.drop_replica_set("b")
    assert dropped.collections == ("checkpoints-b", "rm-b_tally")
    names = set(await database.list_collection_names())
    assert not {"checkpoints-b", "rm-b_tally"} & names
    assert {"checkpoints-a", "rm-a_tally", "checkpoints", "rm_tally", "rm_personal_data_keys"} <= names
    assert (await database[FOLDERS].find_one({"_id": "b"}) or {}).get(
        DROPPED
    ) is not None  # for b, if it comes back
    assert [s.replica for s in await a.replica_sets()] == ["", "a"]
    assert await a.get("tally", "all") == {"count": 3}
    assert await unnamed.get("personal_data_keys", "subject-1") == {"key_id": "k1"}
    restarted = replica(database, "b", clocks)
    assert await restarted.checkpoint("tally") == 0  # it folds again from the first event


@pytest.mark.real
async def test_a_replica_is_not_dropped_while_in_use_nor_when_its_life_cannot_be_told(
    database: AsyncDatabase[dict[str, Any]],
) -> None:
    clocks = Clocks()
    a = replica(database, "a", clocks)
    await folded(a, 1)
    await database["rm-c_tally"].insert_one({"_id": "all", "count": 1})  # folded before beats existed
    clocks.advance(RETIRED_AFTER * 10)
    with pytest.raises(Conflict, match="is this process"):
        await a.drop_replica_set("a")
    with pytest.raises(Conflict, match="no beat recorded"):
        await a.drop_replica_set("c")
    with pytest.raises(NotFound, match="no read models of replica 'zz'"):
        await a.drop_replica_set("zz")
    assert {"rm-a_tally", "rm-c_tally"} <= set(await database.list_collection_names())


@pytest.mark.real
async def test_a_runner_waiting_for_events_beats(
    database: AsyncDatabase[dict[str, Any]], real_servers: RealServers
) -> None:
    """No event comes, yet the replica's beat is there and moves: an idle replica is not taken
    for a retired one."""
    from park_shared.store.mongo import MongoEventStore

    store = await MongoEventStore.open(real_servers.mongodb, database.name)
    clocks = Clocks()
    models = replica(database, "a", clocks)
    follow = asyncio.create_task(
        ProjectionRunner(store, models, EventRegistry("t"), []).run(idle_interval=0.01)
    )
    try:
        beats = []
        for _ in range(2):
            for _ in range(500):
                doc = await database[FOLDERS].find_one({"_id": "a"})
                if doc is not None and doc["beat"] > len(beats):
                    break
                await asyncio.sleep(0.01)
            assert doc is not None
            beats.append((doc["beat"], doc["at"].replace(tzinfo=UTC)))
            clocks.advance(timedelta(minutes=1))
        assert beats == [(1, T0), (2, T0 + timedelta(minutes=1))]
    finally:
        follow.cancel()
        await store.close()


@pytest.mark.real
async def test_an_operator_sees_the_sets_and_drops_a_retired_one_through_ops(
    database: AsyncDatabase[dict[str, Any]], real_servers: RealServers, tmp_path: Path
) -> None:
    """The service runs as replica a on the database; b folded there and stopped 11 minutes
    ago (its last beat set back by that much), c a moment ago."""
    for name in ("b", "c"):
        await folded(replica(database, name, Clocks()), 1)
    now = datetime.now(UTC)
    for name, age in (("b", RETIRED_AFTER + timedelta(minutes=1)), ("c", timedelta(seconds=30))):
        await database[FOLDERS].update_one({"_id": name}, {"$set": {"at": now - age}})
    settings = ParkSettings(
        park_env="test",
        park_data_dir=tmp_path,
        park_store="mongodb",
        mongodb_uri=real_servers.mongodb,
        park_replica="a",
        park_namespace=database.name.removesuffix("_park_investment"),
    )
    async with running_app(app_on(settings)) as client:
        assert (await client.get("/ops/status")).json()["replica"] == "a"
        listed = (await client.get("/ops/read-models", headers=OPS)).json()
        by_name = {s["replica"]: s for s in listed["sets"]}
        assert {name: (s["own"], s["retired"]) for name, s in by_name.items()} == {
            "a": (True, False),
            "b": (False, True),
            "c": (False, False),
        }
        assert by_name["b"]["collections"] == ["checkpoints-b", "rm-b_tally"]

        live = await client.delete("/ops/read-models", params={"replica": "c"}, headers=OPS)
        assert (
            live.status_code == 409 and live.json()["replica"] == "c" and "alive at" in live.json()["detail"]
        )
        own = await client.delete("/ops/read-models", params={"replica": "a"}, headers=OPS)
        assert own.status_code == 409 and "is this process" in own.json()["detail"]
        unnamed = await client.delete("/ops/read-models", params={"replica": ""}, headers=OPS)
        assert unnamed.status_code == 404 and "the unnamed replica" in unnamed.json()["detail"]

        dropped = await client.delete("/ops/read-models", params={"replica": "b"}, headers=OPS)
        assert dropped.status_code == 200, dropped.text
        assert dropped.json()["collections"] == ["checkpoints-b", "rm-b_tally"]
        after = (await client.get("/ops/read-models", headers=OPS)).json()
        assert [s["replica"] for s in after["sets"]] == ["a", "c"]
        assert await database["rm-c_tally"].find_one({"_id": "all"}) is not None


@pytest.mark.real
async def test_a_replica_beating_during_the_drop_finds_its_beat_marked_again(
    database: AsyncDatabase[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """b comes back while its collections are being dropped, beats, and so clears the mark
    before the drop is done: the drop marks it again, and b's next beat asks for a rebuild."""
    from pymongo.asynchronous.collection import AsyncCollection

    a_clocks, b_clocks = Clocks(), Clocks()
    a, b = replica(database, "a", a_clocks), replica(database, "b", b_clocks)
    await folded(b, 2)
    for clocks in (a_clocks, b_clocks):
        clocks.advance(RETIRED_AFTER + timedelta(seconds=BEAT_SECONDS))
    await folded(a, 1)
    drop = AsyncCollection.drop
    beats_in_the_drop = []

    async def dropping(self: AsyncCollection[Any], *args: Any, **kwargs: Any) -> None:
        if not beats_in_the_drop:
            beats_in_the_drop.append(await b.beat())  # between the mark and the last drop
        await drop(self, *args, **kwargs)

    monkeypatch.setattr(AsyncCollection, "drop", dropping)
    await a.drop_replica_set("b")
    monkeypatch.undo()
    assert beats_in_the_drop == [True]
    assert (await database[FOLDERS].find_one({"_id": "b"}) or {}).get(DROPPED) is not None
    await b.reset("tally", ["tally"])  # the rebuild b's runner starts
    assert await b.beat() is False  # not due yet
    b_clocks.advance(timedelta(seconds=BEAT_SECONDS))
    assert await b.beat() is True  # marked again: b rebuilds after the drop, not during it
