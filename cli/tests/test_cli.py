"""parkctl's own commands: `token`, and `up --no-demo` / `status` / `down` on the default ports.

`up` runs as its own process, as a user runs it (its services outlive it and are reaped by init;
started from the test process they would linger as zombies that `down` takes for alive).
It binds the suite's fixed ports 8101-8102; when something else holds them (another suite on
this machine), the test checks the refusal instead, since the ports are not ours to free."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from park_shared.auth import Unauthenticated, verify_token
from park_shared.keys import KeyRing
from park_shared.testing._process import port_is_free
from parkctl.app import app
from typer.testing import CliRunner

runner = CliRunner(env={"COLUMNS": "200"})
PARKCTL = str(Path(sys.executable).parent / "parkctl")


def _rows(output: str) -> dict[str, str]:
    """The status table's rows by service name."""
    return {line.split("│")[1].strip(): line for line in output.splitlines() if line.startswith("│")}


def test_token_mints_a_token_the_services_accept() -> None:
    result = runner.invoke(app, ["token", "inv", "inv.officer", "inv.finance", "--subject", "alice"])
    assert result.exit_code == 0, result.output
    keys = KeyRing.from_settings(None, Path(os.environ["PARK_KEYS_DIR"]), production=False)
    who = verify_token(result.output.strip(), keys)
    assert (who.department, who.roles, who.subject, who.audience) == (
        "inv",
        frozenset({"inv.officer", "inv.finance"}),
        "alice",
        ("investment",),
    )


def test_token_signs_with_the_departments_development_key_and_carries_the_level(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["token", "hq", "hq.planner", "--level", "2"], env={"PARK_KEYS_DIR": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hq.jwks.json", "hq.key.pem"]
    assert (tmp_path / "hq.key.pem").stat().st_mode & 0o777 == 0o600
    keys = KeyRing.from_settings(None, tmp_path, production=False)
    assert verify_token(result.output.strip(), keys).level == 2
    in_production = KeyRing.from_settings(None, tmp_path, production=True)
    with pytest.raises(Unauthenticated, match="development key"):
        verify_token(result.output.strip(), in_production)


def test_token_refuses_to_sign_in_production(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["token", "hq", "hq.head"], env={"PARK_ENV": "production", "PARK_KEYS_DIR": str(tmp_path)}
    )
    assert result.exit_code == 2 and "refused with PARK_ENV=production" in result.output
    assert list(tmp_path.iterdir()) == []


def test_token_refuses_a_role_of_another_department() -> None:
    result = runner.invoke(app, ["token", "inv", "hq.head"])
    assert result.exit_code == 2
    assert "roles of department inv start with 'inv.': hq.head" in result.output
    assert "Traceback" not in result.output


def test_up_status_down(tmp_path: Path) -> None:
    home = ["--dir", str(tmp_path / "park")]
    chosen = ["--service", "headquarters", "--service", "service-center"]
    if not (port_is_free(8101) and port_is_free(8102)):
        refused = runner.invoke(app, ["up", "--no-demo", *chosen, *home])
        assert refused.exit_code == 2 and "is taken by another process" in refused.output
        return
    try:
        up = subprocess.run([PARKCTL, "up", "--no-demo", *chosen, *home], capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "200"}, timeout=120)  # fmt: skip
        assert up.returncode == 0, up.stdout + up.stderr
        assert "http://127.0.0.1:8101" in up.stdout and "http://127.0.0.1:8102" in up.stdout
        status = runner.invoke(app, ["status"])
        rows = _rows(status.output)
        assert "ready" in rows["headquarters"] and "ready" in rows["service-center"]
        assert "down" in rows["investment"] and status.exit_code == 1  # not all green: two are not up
        assert "service-center-billing" in status.output
    finally:
        down = runner.invoke(app, ["down", *home])
    assert down.exit_code == 0 and down.output.strip() == "stopped: headquarters, service-center"
    after = runner.invoke(app, ["status"])
    assert after.exit_code == 1 and all("down" in row for row in _rows(after.output).values())
    assert (tmp_path / "park" / "data").is_dir() and not list((tmp_path / "park" / "run").iterdir())


def test_the_zone_clock_is_set_to_a_date_and_only_moves_forward(tmp_path: Path) -> None:
    from datetime import date

    from park_shared.zone_clock import days_ahead

    runner = CliRunner(env={"COLUMNS": "200", "PARK_ENV": "test"})
    target = date(date.today().year + 1, 2, 13)  # always ahead, whatever day the test runs
    moved = runner.invoke(app, ["clock", "--set", target.isoformat(), "--dir", str(tmp_path)])
    assert moved.exit_code == 0, moved.output
    assert f"the zone's date is {target}" in moved.output
    assert days_ahead(tmp_path / "zone-clock") > 30
    back = runner.invoke(app, ["clock", "--set", date.today().isoformat(), "--dir", str(tmp_path)])
    assert back.exit_code == 2 and "only moves forward" in back.output
    bad = runner.invoke(app, ["clock", "--set", "13/02/2027", "--dir", str(tmp_path)])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    later = runner.invoke(app, ["clock", "--advance", "2", "--dir", str(tmp_path)])
    assert f"the zone's date is {target.replace(day=15)}" in later.output
