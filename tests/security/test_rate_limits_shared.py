"""Rate limits across replicas: with PARK_STORE=mongodb two instances of a service count one
client against one limit (web/rate_storage.py, on the real FerretDB); on the embedded default
each process counts on its own (the README says so)."""

from __future__ import annotations

import asyncio
import time
import uuid
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from park_shared.testing.pytest_plugin import RealServers

from .conftest import Running, started
from .test_rate_limits import LIMIT, assert_refused

ROUTE = "/public/policies"


async def clear_of_the_minutes_end() -> None:
    """Waits, when the minute of the clock ends within 10 s: a shared window is the clock's
    minute (web/rate_storage.py), and the requests that spend the limit go in one window."""
    left = 60 - time.time() % 60
    if left < 10:
        await asyncio.sleep(left + 0.1)


async def two_instances(stack: AsyncExitStack, tmp_path: Path, **settings: object) -> tuple[Running, Running]:
    common = {"park_public_rate_limit": f"{LIMIT}/minute", **settings}
    first = await stack.enter_async_context(
        started("headquarters", tmp_path / "a", park_replica="a", **common)
    )
    second = await stack.enter_async_context(
        started("headquarters", tmp_path / "b", park_replica="b", **common)
    )
    return first, second


@pytest.mark.real
async def test_two_instances_on_mongodb_share_one_limit(real_servers: RealServers, tmp_path: Path) -> None:
    namespace = f"t{uuid.uuid4().hex[:10]}"
    on_ferretdb = {"park_store": "mongodb", "mongodb_uri": real_servers.mongodb, "park_namespace": namespace}
    async with AsyncExitStack() as stack:
        first, second = await two_instances(stack, tmp_path, **on_ferretdb)
        await clear_of_the_minutes_end()
        answers = [
            (await instance.client.get(ROUTE)).status_code for instance in (first, second, first)[:LIMIT]
        ]
        assert answers == [200] * LIMIT
        assert_refused(await second.client.get(ROUTE))  # the limit is spent across both
        assert_refused(await first.client.get(ROUTE))
        hits = await first.runtime.read_models.database["rate_limits"].find({}).to_list()  # type: ignore[attr-defined]
        assert len(hits) == LIMIT and len({hit["key"] for hit in hits}) == 1  # the refused ones unwritten


async def test_on_the_embedded_default_each_process_counts_on_its_own(tmp_path: Path) -> None:
    async with AsyncExitStack() as stack:
        first, second = await two_instances(stack, tmp_path)
        for instance in (first, second):
            assert [(await instance.client.get(ROUTE)).status_code for _ in range(LIMIT)] == [200] * LIMIT
            assert_refused(await instance.client.get(ROUTE))
