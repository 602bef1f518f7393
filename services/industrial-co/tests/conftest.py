"""Fixtures for the industrial-co tests (helpers live in ic_testkit, importable from here)."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

import pytest
from park_industrial_co.app import create_app
from park_industrial_co.settings import IndustrialCoSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import running_app, runtime_of

sys.path.insert(0, str(Path(__file__).parent))

from ic_testkit import Driver, StartDriver


@pytest.fixture
def embedded(tmp_path: Path) -> IndustrialCoSettings:
    return IndustrialCoSettings(park_env="test", park_data_dir=tmp_path / "data")


@pytest.fixture
def driver_for() -> StartDriver:
    """`async with driver_for(settings) as d:` runs the app on those settings."""

    @asynccontextmanager
    async def start(settings: ParkSettings) -> AsyncIterator[Driver]:
        app = create_app(IndustrialCoSettings(**settings.model_dump()))
        async with running_app(app) as client:
            yield Driver(client, runtime_of(app))

    return start


@pytest.fixture
async def driver(embedded: IndustrialCoSettings, driver_for: StartDriver) -> AsyncIterator[Driver]:
    async with driver_for(embedded) as d:
        d.set_today(date(2026, 3, 2))
        yield d
