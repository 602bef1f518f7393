"""parkctl's output as a newcomer reads it: piped tables whole (not cut at 80 columns), a narrow
terminal's status wrapped by lines instead of cut cells, help texts one sentence a line, the
zone's date from `clock`, `status --json` for scripts, and shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from parkctl.app import app
from typer.testing import CliRunner

PARKCTL = str(Path(sys.executable).parent / "parkctl")
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing answers HTTP there
SUITE = ["--url", f"headquarters={NOWHERE}", "--url", f"service-center-with-a-long-name={NOWHERE}"]


def _piped(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([PARKCTL, *args], capture_output=True, text=True, env=env, timeout=60)


def test_piped_status_keeps_every_name_whole() -> None:
    result = _piped("status", "--url", f"headquarters={NOWHERE}", "--url", f"industrial-co={NOWHERE}")
    assert result.returncode == 1, result.stdout + result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert [row.split("│")[1].strip() for row in rows] == ["headquarters", "industrial-co"]
    assert "…" not in result.stdout
    assert "outbox" in result.stdout.splitlines()[1]


def test_piped_long_lines_are_not_wrapped_at_80_columns() -> None:
    result = _piped("status", "--url", "no-such-service=http://x")
    assert result.returncode == 2
    assert result.stdout.count("\n") == 1, result.stdout  # one line, however long
    assert "no service 'no-such-service'; the suite has headquarters, service-center" in result.stdout


def test_status_in_a_narrow_terminal_wraps_by_lines_and_cuts_nothing() -> None:
    result = CliRunner().invoke(app, ["status", *SUITE[:2]], env={"COLUMNS": "40"})
    assert result.exit_code == 1
    assert result.output.splitlines() == ["headquarters down"]
    wide = CliRunner().invoke(app, ["status", *SUITE[:2]], env={"COLUMNS": "120"})
    assert "┃ service" in wide.output and all(len(line) <= 120 for line in wide.output.splitlines())


def test_status_json_for_scripts() -> None:
    result = CliRunner().invoke(app, ["status", "--json", "--url", f"headquarters={NOWHERE}"])
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "ready": False,
        "services": [{"service": "headquarters", "url": NOWHERE, "health": "down", "ready": False}],
    }


def test_the_command_list_gives_each_command_one_line() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    after = result.output.split("Commands")[1].splitlines()[1:]
    panel = after[: next(i for i, line in enumerate(after) if line.startswith("╰"))]
    commands = {
        "up",
        "down",
        "status",
        "demo",
        "clock",
        "audit",
        "events",
        "token",
        "replay",
        "replicas",
        "contracts",
    }
    names = [line.split()[1] for line in panel]
    assert names == [n for n in names if n in commands], "a description broken onto a second line"
    assert set(names) == commands


def test_clock_names_the_zones_date(tmp_path: Path) -> None:
    (tmp_path / "zone-clock").write_text("7\n")
    zone = ZoneInfo("Asia/Shanghai")
    before = datetime.now(zone) + timedelta(days=7)
    result = CliRunner().invoke(app, ["clock", "--dir", str(tmp_path)], env={"COLUMNS": "200"})
    after = datetime.now(zone) + timedelta(days=7)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("the zone's date is ")
    shown = {f"{d:%Y-%m-%d} ({d:%A})" for d in (before, after)}
    assert any(s in result.output for s in shown), result.output
    assert "in Asia/Shanghai: 7 days ahead of wall time" in result.output


def test_shell_completion() -> None:
    # asked from bash, as a user would: Typer finds the shell among the process's parents, and
    # the trailing `:` keeps bash from handing its process over to parkctl
    result = subprocess.run(
        ["bash", "-c", f"{PARKCTL} --show-completion; :"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "_PARKCTL_COMPLETE=complete_bash" in result.stdout
    words = subprocess.run(
        [PARKCTL],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            "_PARKCTL_COMPLETE": "complete_bash",
            "COMP_WORDS": "parkctl cl",
            "COMP_CWORD": "1",
        },
    )
    assert words.stdout.split() == ["clock"]
