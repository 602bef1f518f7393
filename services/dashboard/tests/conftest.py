from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from park_dashboard.app import create_app
from park_dashboard.application import context
from park_dashboard.application.reader import FeedReader
from park_dashboard.settings import DashboardSettings
from park_dashboard.testing import SampleEvent, publish, sample_zone
from park_shared.runtime import Runtime
from park_shared.testing.apps import running_app, wait_until


@pytest.fixture
def embedded(tmp_path: Path) -> DashboardSettings:
    return DashboardSettings(park_env="test", park_data_dir=tmp_path / "data")


@dataclass
class Dashboard:
    client: httpx.AsyncClient
    context: context.Dashboard

    @classmethod
    def of(cls, client: httpx.AsyncClient, app: FastAPI) -> Dashboard:
        """The running app's client and its application context."""
        dashboard = app.state.application
        assert isinstance(dashboard, context.Dashboard)
        return cls(client, dashboard)

    @property
    def runtime(self) -> Runtime:
        return self.context.runtime

    @property
    def reader(self) -> FeedReader:
        return self.context.reader

    async def seen(self, total: int, rejected: int = 0, timeout: float = 20.0) -> None:
        """Waits until `total` events were recorded and `rejected` messages dead-lettered."""

        async def check() -> bool:
            feed = (await self.client.get("/api/feed")).json()
            return bool(feed["total"] == total and feed["rejected"] == rejected)

        await wait_until(check, timeout=timeout, what=f"{total} events and {rejected} rejected")

    async def shows_sample_zone(self, on: date | None = None, *, times: int = 1) -> list[SampleEvent]:
        """Publishes the sample zone as of `on` (the zone's today), each event `times` over,
        and waits until the dashboard has recorded every event once."""
        events = sample_zone(on or self.runtime.today())
        await publish(self.context.settings, events, times=times)
        await self.seen(len(events))
        return events


@pytest.fixture
async def dashboard(embedded: DashboardSettings) -> AsyncIterator[Dashboard]:
    app = create_app(embedded)
    async with running_app(app) as client:
        yield Dashboard.of(client, app)
