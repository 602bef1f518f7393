"""The local servers of deploy/local are the real thing: Apache Kafka 4 (one KRaft node) and
FerretDB v1 on Debian's PostgreSQL 15, started on free ports of 127.0.0.1 and stopped again.

Run: PARK_REAL=1 PYTHONPATH=shared/src python -m pytest tests/infra
"""

from __future__ import annotations

import asyncio
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from park_shared.testing._process import fetch
from park_shared.testing.servers import RunningServer, start_ferretdb, start_kafka
from pymongo import ASCENDING, AsyncMongoClient
from pymongo.errors import DuplicateKeyError

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    with start_kafka(tmp_path_factory.mktemp("kafka")) as server:
        yield server


@pytest.fixture(scope="module")
def ferretdb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    with start_ferretdb(tmp_path_factory.mktemp("ferretdb")) as server:
        yield server


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def read_from_start(bootstrap: str, topic: str, want: int) -> list[bytes]:
    """The first ``want`` values of partition 0, read from offset 0 without a group."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partition = TopicPartition(topic, 0)
        consumer.assign([partition])
        await consumer.seek_to_beginning(partition)
        values: list[bytes] = []
        deadline = time.monotonic() + 30.0
        while len(values) < want and time.monotonic() < deadline:
            batches = await consumer.getmany(partition, timeout_ms=500)
            values += [record.value for record in batches.get(partition, []) if record.value]
        return values
    finally:
        await consumer.stop()


@pytest.mark.asyncio
async def test_kafka_idempotent_produce_then_consume_on_an_auto_created_topic(
    kafka: RunningServer,
) -> None:
    assert kafka.url == f"127.0.0.1:{kafka.port}"
    topic = unique("auto")
    producer = AIOKafkaProducer(bootstrap_servers=kafka.url, enable_idempotence=True, acks="all")
    await producer.start()
    try:
        sent = await producer.send_and_wait(topic, b"hello", key=b"k1")
    finally:
        await producer.stop()
    assert (sent.partition, sent.offset) == (0, 0)
    assert await read_from_start(kafka.url, topic, 1) == [b"hello"]


@pytest.mark.asyncio
async def test_kafka_admin_creates_a_topic_with_four_partitions(kafka: RunningServer) -> None:
    topic = unique("four")
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.url)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=4, replication_factor=1)])
        for _ in range(50):  # the new topic and its partitions reach the metadata a moment later
            listed = topic in await admin.list_topics()
            described = await admin.describe_topics([topic]) if listed else []
            if described and len(described[0]["partitions"]) == 4:
                break
            await asyncio.sleep(0.2)
    finally:
        await admin.close()
    assert listed and [len(t["partitions"]) for t in described] == [4]


@pytest.mark.asyncio
async def test_ferretdb_unique_compound_index_rejects_a_duplicate(
    ferretdb: RunningServer,
) -> None:
    assert ferretdb.url == f"mongodb://127.0.0.1:{ferretdb.port}/"
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(
        ferretdb.url, serverSelectionTimeoutMS=5000
    )
    try:
        events = client[unique("db")]["events"]
        await events.create_index([("stream", ASCENDING), ("version", ASCENDING)], unique=True)
        await events.insert_one({"stream": "order-1", "version": 1, "type": "Placed"})
        await events.insert_one({"stream": "order-1", "version": 2, "type": "Paid"})
        with pytest.raises(DuplicateKeyError):
            await events.insert_one({"stream": "order-1", "version": 2, "type": "Paid again"})
        found = [d["type"] async for d in events.find({"stream": "order-1"}).sort("version", -1)]
        assert found == ["Paid", "Placed"]
    finally:
        await client.close()


def psql(ferretdb: RunningServer, sql: str) -> str:
    """One SQL statement on the PostgreSQL behind ``ferretdb``, its rows as text."""
    port = Path(ferretdb.workdir, "postgres", "port").read_text().strip()
    cmd = [str(fetch("ensure-postgresql.sh") / "psql"), "-h", "127.0.0.1", "-p", port, "-U", "postgres"]
    done = subprocess.run([*cmd, "-d", "ferretdb", "-At", "-c", sql], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


async def keep_a_document(ferretdb: RunningServer) -> str:
    """One document `{_id: x, n: 1}` in collection `kept` of a new database; its name."""
    name = unique("db")
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(ferretdb.url)
    try:
        await client[name]["kept"].insert_one({"_id": "x", "n": 1})
    finally:
        await client.close()
    return name


@pytest.mark.asyncio
async def test_ferretdb_keeps_its_documents_in_a_durable_postgresql(ferretdb: RunningServer) -> None:
    name = await keep_a_document(ferretdb)
    assert psql(ferretdb, f"SELECT count(*) FROM pg_namespace WHERE nspname = '{name}'") == "1"
    settings = "SELECT string_agg(name || '=' || setting, ',' ORDER BY name) FROM pg_settings"
    durable = psql(ferretdb, settings + " WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")
    assert durable == "fsync=on,full_page_writes=on,synchronous_commit=on"
    assert psql(ferretdb, "SELECT setting FROM pg_settings WHERE name = 'listen_addresses'") == "127.0.0.1"


@pytest.mark.asyncio
async def test_ferretdb_equalities_on_an_indexed_field_are_served_by_an_index(
    ferretdb: RunningServer,
) -> None:
    """FerretDB pushes `{stream: x}` down as `_jsonb->'stream' @> '"x"'`, which its B-tree
    cannot serve: the GIN twin PostgreSQL adds for each B-tree FerretDB makes does."""
    name = unique("db")
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(ferretdb.url)
    try:
        commits = client[name]["commits"]
        await commits.create_index([("stream", ASCENDING), ("version", ASCENDING)], unique=True, name="sv")
        await commits.insert_many([{"stream": f"s-{i % 50}", "version": i} for i in range(500)])
        assert len(await commits.find({"stream": "s-7"}).to_list()) == 10
        where = f"WHERE schemaname = '{name}'"
        table = psql(ferretdb, f"SELECT tablename FROM pg_tables {where} AND tablename LIKE 'commits%'")
        twins = psql(ferretdb, f"SELECT indexdef FROM pg_indexes {where} AND indexname LIKE '%_gin'")
        assert "USING gin (((_jsonb -> 'stream'::text)) jsonb_path_ops)" in twins
        plan = psql(
            ferretdb,
            f"""SET enable_seqscan = off; EXPLAIN SELECT _jsonb FROM "{name}"."{table}" """
            f"""WHERE _jsonb->'stream' @> '"s-7"'""",
        )
        assert "Bitmap Index Scan" in plan and "_gin" in plan
        await commits.drop_index("sv")
        twins = psql(ferretdb, f"SELECT count(*) FROM pg_indexes {where} AND indexname LIKE '%sv%'")
        assert twins == "0"  # the twin went with its B-tree
    finally:
        await client.drop_database(name)
        await client.close()


@pytest.mark.asyncio
async def test_ferretdb_keeps_its_data_across_a_restart(ferretdb: RunningServer) -> None:
    name = await keep_a_document(ferretdb)
    port = ferretdb.port
    ferretdb.restart()
    assert ferretdb.port == port
    client = AsyncMongoClient(ferretdb.url, serverSelectionTimeoutMS=5000)
    try:
        assert await client[name]["kept"].find_one({"_id": "x"}) == {"_id": "x", "n": 1}
    finally:
        await client.close()


@pytest.mark.asyncio
async def test_kafka_restarted_on_the_same_dir_and_port_still_has_the_messages(
    kafka: RunningServer,
) -> None:
    """Last of the Kafka tests: it stops the module's broker and starts its own in its place."""
    topic = unique("kept")
    producer = AIOKafkaProducer(bootstrap_servers=kafka.url, enable_idempotence=True, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"before restart")
    finally:
        await producer.stop()
    workdir, port = kafka.workdir, kafka.port
    kafka.stop()
    assert kafka.process.poll() is not None

    again = start_kafka(workdir, port)
    try:
        assert again.url == f"127.0.0.1:{port}"
        assert await read_from_start(again.url, topic, 1) == [b"before restart"]
    finally:
        again.stop()
