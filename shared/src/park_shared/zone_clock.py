"""The zone's time: wall time, or wall time moved ahead by the days written in a file that every
service of a suite reads (PARK_ZONE_CLOCK_FILE). A demonstration or training zone moves its
clock to show what only time brings (deadlines passed, bids closed); production leaves it unset."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

__all__ = ["advance", "days_ahead", "zone_clock"]


def zone_clock(path: Path | None) -> Callable[[], datetime]:
    """Wall time when `path` is None, else wall time plus the file's days ahead (read again when
    the file changes; a missing or unreadable file means none)."""
    if path is None:
        return lambda: datetime.now(UTC)
    return _FileClock(path)


class _FileClock:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._stamp: int | None = None
        self._ahead = timedelta(0)

    def __call__(self) -> datetime:
        try:
            stamp: int | None = os.stat(self._path).st_mtime_ns
        except OSError:
            stamp = None
        if stamp != self._stamp:
            self._stamp, self._ahead = stamp, timedelta(days=days_ahead(self._path))
        return datetime.now(UTC) + self._ahead


def days_ahead(path: Path) -> float:
    try:
        return float(path.read_text().strip() or 0)
    except (OSError, ValueError):
        return 0.0


def advance(path: Path, days: float) -> float:
    """Moves the zone clock `days` further ahead; returns the days ahead now."""
    ahead = days_ahead(path) + days
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(f"{ahead:g}\n")
    temporary.replace(path)
    return ahead
