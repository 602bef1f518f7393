"""tests/e2e/harness.py (the suite as processes), loaded by its path: tests/ is no package."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_NAME = "park_tests_e2e_harness"


def _load() -> object:
    if _NAME not in sys.modules:
        spec = importlib.util.spec_from_file_location(_NAME, Path(__file__).parents[1] / "e2e" / "harness.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[_NAME] = module
        spec.loader.exec_module(module)
    return sys.modules[_NAME]


_harness = _load()
Suite = _harness.Suite  # type: ignore[attr-defined]
eventually = _harness.eventually  # type: ignore[attr-defined]
suite_env = _harness.suite_env  # type: ignore[attr-defined]
