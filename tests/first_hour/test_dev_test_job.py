"""What `./dev test` runs, and how: the embedded run over PARK_TEST_WORKERS processes, the dated
job's five dates that many at a time, every date's output in order, a failure on any one date
failing the command, no log folder left behind even when stopped, and pytest arguments run as
given, in one process, with no dates. The script itself runs, in a copy of the checkout's layout
whose pytest, linters and faketime are stand-ins that log what they are asked."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATES = ["2026-12-05 10:00:00", "2026-12-06 10:00:00", "2026-02-13 10:00:00", "2026-12-31 15:50:00",
         "2028-02-28 10:00:00"]  # fmt: skip

PYTEST = """#!/usr/bin/env bash
if [[ -z "$FAKE_AT" ]]; then echo "$*" >> "$LOG"; exit 0; fi
touch "running/$$"
ls running | wc -l >> at-once
sleep 1
rm "running/$$"
echo "tests at $FAKE_AT"
[[ "$FAKE_AT" != "@$FAIL_AT" ]]
"""
FAKETIME = """#!/usr/bin/env bash
export FAKE_AT="$2"
shift 2
exec "$@"
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """`dev` beside the files its setup stamps (empty), a .venv stamped as set up already."""
    shutil.copy(ROOT / "dev", tmp_path / "dev")
    stamped = ["pyproject.toml", "requirements-dev.txt", "shared/pyproject.toml", "services/a/pyproject.toml",
               "cli/pyproject.toml"]  # fmt: skip
    for name in stamped:
        _write(tmp_path / name, "")
    _write(tmp_path / ".venv/.stamp", hashlib.sha256(b"").hexdigest()[:16] + "\n")
    for tool in ("python", "ruff", "mypy"):
        _write(tmp_path / ".venv/bin" / tool, "#!/usr/bin/env bash\n")
    _write(tmp_path / ".venv/bin/pytest", PYTEST)
    _write(tmp_path / "stand-ins/faketime", FAKETIME)
    (tmp_path / "running").mkdir()
    return tmp_path


def _env(checkout: Path, **env: str) -> dict[str, str]:
    path = f"{checkout / 'stand-ins'}:{os.environ['PATH']}"
    return {**os.environ, "PATH": path, "LOG": str(checkout / "log"), "FAIL_AT": "", "FAKE_AT": "", **env}


def _dev_test(checkout: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(checkout / "dev"), "test", *args],
        capture_output=True,
        text=True,
        cwd=checkout,
        env=_env(checkout, **env),
        timeout=60,
    )


def _at_once(checkout: Path) -> list[int]:
    return [int(n) for n in (checkout / "at-once").read_text().split()]


def test_the_embedded_run_takes_two_processes_and_the_dates_run_two_at_a_time(checkout: Path) -> None:
    result = _dev_test(checkout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (checkout / "log").read_text() == "-n 2 --dist worksteal\n"
    assert max(_at_once(checkout)) == 2  # two ran together, never three
    headers = [line for line in result.stdout.splitlines() if line.startswith("== the machine's clock")]
    assert headers == [f"== the machine's clock at {d} UTC" for d in DATES]
    for date in DATES:  # each date's own output under its header
        assert f"== the machine's clock at {date} UTC\ntests at @{date}\n" in result.stdout


def test_one_date_failing_fails_the_command_and_every_date_is_still_shown(checkout: Path) -> None:
    result = _dev_test(checkout, FAIL_AT="2026-02-13 10:00:00")
    assert result.returncode == 1, result.stdout + result.stderr
    assert all(f"tests at @{d}" in result.stdout for d in DATES)


def test_park_test_workers_sets_how_many(checkout: Path) -> None:
    result = _dev_test(checkout, PARK_TEST_WORKERS="3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (checkout / "log").read_text() == "-n 3 --dist worksteal\n"
    assert max(_at_once(checkout)) == 3


def test_pytest_arguments_run_as_given_in_one_process_and_skip_the_dates(checkout: Path) -> None:
    result = _dev_test(checkout, "-k", "lead", "-x")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (checkout / "log").read_text() == "-k lead -x\n"
    assert not (checkout / "at-once").exists() and "clock" not in result.stdout


@pytest.mark.parametrize("workers", ["0", "two", "-1"])
def test_a_number_of_workers_that_is_not_one_or_more_is_refused(checkout: Path, workers: str) -> None:
    result = _dev_test(checkout, PARK_TEST_WORKERS=workers)
    assert result.returncode == 2
    assert f"PARK_TEST_WORKERS takes a whole number of processes, 1 or more; got '{workers}'" in result.stderr
    assert not (checkout / "log").exists()


def test_the_dated_job_leaves_no_log_folder_behind_done_or_stopped(checkout: Path) -> None:
    tmp = checkout / "tmp"
    tmp.mkdir()
    assert _dev_test(checkout, TMPDIR=str(tmp)).returncode == 0
    assert list(tmp.iterdir()) == []
    run = subprocess.Popen(
        [str(checkout / "dev"), "test"],
        cwd=checkout,
        env=_env(checkout, TMPDIR=str(tmp)),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not any((checkout / "running").iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp.iterdir()), "the dates had not started"
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C sends the terminal's foreground group
    run.wait(timeout=20)
    assert list(tmp.iterdir()) == []
