"""The dashboard as its own process on the embedded backend, fed the sample zone, and one
headless Chromium for the module's tests."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from park_dashboard.settings import DashboardSettings
from park_dashboard.testing import publish, sample_zone
from park_shared.testing._process import free_port

from .cdp import Browser, Page


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A browser is an outside program like the servers: these run in `./dev test --all`."""
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.real)


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass
class Dashboard:
    url: str
    settings: DashboardSettings
    sample_size: int


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dashboard exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/ready", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the dashboard was not ready after {timeout}s: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dashboard]:
    """`python -m park_dashboard` on a free port; the four services' sample events on the bus."""
    data = tmp_path_factory.mktemp("dashboard") / "data"
    port = free_port()
    settings = DashboardSettings(park_env="test", park_data_dir=data, port=port)
    events = sample_zone(date.today())
    asyncio.run(publish(settings, events))
    env = {
        **os.environ,
        "PARK_ENV": "test",
        "PARK_DATA_DIR": str(data),
        "PORT": str(port),
        "HOST": "127.0.0.1",
    }
    log = data.parent / "dashboard.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "park_dashboard"], env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, log)
        yield Dashboard(url, settings, len(events))
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = Browser()
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    tab = browser.page()
    tab.size(1366, 900)
    try:
        yield tab
        assert tab.errors() == [], "the page's scripts failed"
    finally:
        tab.close()
