"""The zone's time: wall time, or wall time moved by the days written in a file that every
service of a suite reads (PARK_ZONE_CLOCK_FILE), set as an offset or to an absolute date. A
demonstration or training zone moves its clock to show what only time brings (deadlines passed,
bids closed); tests pin it to a date; production leaves it unset."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

__all__ = ["advance", "days_ahead", "move_to", "zone_clock"]


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
    return _write(path, days_ahead(path) + days)


def move_to(path: Path, when: datetime) -> float:
    """Sets the zone clock to `when` (an aware time; the clock runs on from there, as wall time
    does); returns the days ahead of wall time now (negative for a date in the past)."""
    if when.tzinfo is None:
        raise ValueError("the zone clock needs an aware time (with its time zone)")
    return _write(path, (when - datetime.now(UTC)) / timedelta(days=1))


def _write(path: Path, ahead: float) -> float:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(f"{ahead!r}\n")
    temporary.replace(path)
    return ahead
