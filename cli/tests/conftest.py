"""The suite as separate processes (tests/e2e/harness.py) for parkctl's tests, on the
harness's movable zone clock."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("headquarters", "service-center", "industrial-co", "investment", "dashboard")
DEMO_START = date(2026, 2, 13)


def _harness() -> ModuleType:
    name = "parkctl_tests_harness"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "e2e" / "harness.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def harness() -> ModuleType:
    """tests/e2e/harness.py (loaded by path: the tests here are imported in importlib mode)."""
    return _harness()


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory, harness: ModuleType) -> Iterator[Any]:
    """The five services on free ports, embedded backend, overdue scans every second, the zone
    clock pinned to Friday 13 February 2026: the day before a make-up Saturday and the Spring
    Festival, so the demo's promises count through both."""
    root = tmp_path_factory.mktemp("suite")
    env = harness.suite_env("embedded", root / "data", None, None, "")
    env["SC_OVERDUE_SCAN_SECONDS"] = "1"
    running = harness.Suite(root, env).with_clock(DEMO_START)
    try:
        running.start(*SERVICES)
        yield running
    finally:
        running.stop()
