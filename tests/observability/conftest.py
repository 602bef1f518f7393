from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from park_investment.app import create_app
from park_investment.settings import InvestmentSettings
from park_shared.runtime import Runtime
from park_shared.testing.apps import running_app, runtime_of


@pytest.fixture
async def investment(tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, Runtime]]:
    """The investment service in-process on the embedded default, metrics on (the default)."""
    app = create_app(InvestmentSettings(park_env="test", park_data_dir=tmp_path / "data"))
    async with running_app(app) as client:
        yield client, runtime_of(app)
