"""A service whose store or broker is down at start-up is alive but not ready, says why in its
log, and becomes ready by itself when the server comes: no crash loop, nothing lost."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
from park_shared.application import Application
from park_shared.events import EventRegistry
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.testing._process import free_port
from park_shared.testing.apps import wait_until
from park_shared.testing.servers import start_ferretdb, start_kafka
from park_shared.web.app import create_service_app

pytestmark = pytest.mark.real


def app_for(settings: ParkSettings):  # type: ignore[no-untyped-def]
    async def bootstrap() -> Application:
        return Application(Runtime("investment", "inv", settings, EventRegistry("investment")))

    return create_service_app(title="t", description="d", bootstrap=bootstrap, routers=[])


async def readiness(client: httpx.AsyncClient) -> tuple[int, dict[str, str]]:
    r = await client.get("/ready")
    return r.status_code, r.json()


async def test_a_service_waits_for_its_store_and_broker_and_then_is_ready(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    mongo_port, kafka_port = free_port(), free_port()
    settings = ParkSettings(
        park_env="test",
        park_data_dir=tmp_path,
        park_store="mongodb",
        mongodb_uri=f"mongodb://127.0.0.1:{mongo_port}/",
        park_bus="kafka",
        kafka_bootstrap_servers=f"127.0.0.1:{kafka_port}",
    )
    app = app_for(settings)
    servers = []
    caplog.set_level(logging.WARNING)
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                assert (await client.get("/health")).status_code == 200
                status, body = await readiness(client)
                assert status == 503 and body["ready"] is False and body["store"] == "connecting"

                await wait_until(lambda: logged(caplog, "store unreachable"), timeout=20, what="a log line")
                servers.append(start_ferretdb(tmp_path / "ferretdb", port=mongo_port))
                await wait_until(lambda: _part_ok(client, "store"), timeout=40, what="the store")
                status, body = await readiness(client)
                assert status == 503 and body["bus"] != "ok"

                assert logged(caplog, "bus unreachable")
                servers.append(start_kafka(tmp_path / "kafka", port=kafka_port))
                await wait_until(lambda: _part_ok(client, "bus"), timeout=60, what="the bus")
                assert (await readiness(client))[0] == 200
    finally:
        for server in servers:
            server.stop()


def logged(caplog: pytest.LogCaptureFixture, text: str) -> bool:
    return any(text in r.getMessage() for r in caplog.records)


async def _part_ok(client: httpx.AsyncClient, part: str) -> bool:
    return (await readiness(client))[1][part] == "ok"
