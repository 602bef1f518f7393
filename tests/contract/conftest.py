"""Adapters under contract: every case here runs on each store and each bus."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from park_shared.bus.port import Bus
from park_shared.store.port import EventStore
from park_shared.testing.pytest_plugin import RealServers

STORES = ["sqlite", pytest.param("mongodb", marks=pytest.mark.real)]
BUSES = ["embedded", pytest.param("kafka", marks=pytest.mark.real)]


async def open_store(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> EventStore:
    if kind == "sqlite":
        from park_shared.store.sqlite import SqliteEventStore

        return SqliteEventStore.open(tmp_path / f"{uuid.uuid4().hex[:6]}.sqlite")
    from park_shared.store.mongo import MongoEventStore

    servers: RealServers = request.getfixturevalue("real_servers")
    return await MongoEventStore.open(servers.mongodb, f"contract_{uuid.uuid4().hex[:10]}")


async def open_bus(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Bus:
    if kind == "embedded":
        from park_shared.bus.embedded import EmbeddedLog

        log = EmbeddedLog(tmp_path / "bus.sqlite")
        await log.start()
        return log
    from park_shared.bus.kafka import KafkaBus

    servers: RealServers = request.getfixturevalue("real_servers")
    kafka = KafkaBus(servers.kafka, client_id=f"contract-{uuid.uuid4().hex[:6]}")
    await kafka.start()
    return kafka


@pytest.fixture(params=STORES)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[EventStore]:
    opened = await open_store(request.param, tmp_path, request)
    yield opened
    await opened.close()


@pytest.fixture(params=BUSES)
async def bus(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Bus]:
    opened = await open_bus(request.param, tmp_path, request)
    yield opened
    await opened.close()


@pytest.fixture
def topic() -> str:
    """A topic of its own for each test, so tests sharing a broker never meet."""
    return f"park.contract-{uuid.uuid4().hex[:8]}.events"
