"""The zone clock: wall time, or wall time moved ahead by the days in a file all services read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.zone_clock import advance, days_ahead, zone_clock


def off_by(clock_time: datetime, ahead: timedelta) -> timedelta:
    return abs(clock_time - (datetime.now(UTC) + ahead))


def test_without_a_file_the_zone_runs_on_wall_time() -> None:
    assert off_by(zone_clock(None)(), timedelta(0)) < timedelta(seconds=1)


def test_a_missing_file_means_no_days_ahead(tmp_path: Path) -> None:
    assert off_by(zone_clock(tmp_path / "zone-clock")(), timedelta(0)) < timedelta(seconds=1)


def test_moving_the_clock_is_seen_by_a_clock_made_before(tmp_path: Path) -> None:
    path = tmp_path / "zone-clock"
    clock = zone_clock(path)
    clock()
    assert advance(path, 7) == 7
    assert off_by(clock(), timedelta(days=7)) < timedelta(seconds=1)
    assert advance(path, 0.5) == 7.5
    assert days_ahead(path) == 7.5
    assert off_by(clock(), timedelta(days=7.5)) < timedelta(seconds=1)


def test_a_runtime_tells_the_zone_date_from_its_settings_clock(tmp_path: Path) -> None:
    path = tmp_path / "zone-clock"
    advance(path, 30)
    settings = ParkSettings(park_env="test", park_data_dir=tmp_path, park_zone_clock_file=path)
    runtime = Runtime("clocked", "sc", settings, registry=None)  # type: ignore[arg-type]
    wall_today = datetime.now(UTC).astimezone(runtime.zone).date()
    assert (runtime.today() - wall_today).days == 30
