"""Runs one service exactly as `python -m <module>` does, with the zone clock a test can move:
`python tests/e2e/clocked.py park_service_center`. The clock is the runtime's time source
(`Runtime.clock`, the seam the shared core gives tests; service-center's `create_app(clock=)`
sets the same attribute) shifted by the seconds written in the file E2E_CLOCK_FILE, so every
process of a suite sees the same moved "today" while wall time keeps running."""

from __future__ import annotations

import os
import runpy
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from park_shared.runtime import Runtime


def shifted_clock(path: Path) -> Any:
    def clock() -> datetime:
        try:
            offset = float(path.read_text() or 0)
        except (OSError, ValueError):
            offset = 0.0
        return datetime.now(UTC) + timedelta(seconds=offset)

    return clock


def main() -> None:
    module = sys.argv[1]
    clock = shifted_clock(Path(os.environ["E2E_CLOCK_FILE"]))
    original = Runtime.__init__

    def init(self: Runtime, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.clock = clock

    Runtime.__init__ = init  # type: ignore[method-assign]
    sys.argv = [module]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
