"""`./dev` as a newcomer types it: every parkctl command passes through, and `./dev doctor`
says which prerequisites are here and how to install the others."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV = str(ROOT / "dev")


def _dev(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DEV, *args], capture_output=True, text=True, env=env or {**os.environ, "COLUMNS": "200"}, timeout=300
    )


@pytest.mark.parametrize(
    ("command", "says"),
    [
        (["clock", "--help"], "zone clock"),
        (["audit", "--help"], "Who did what"),
        (["events", "tail", "--help"], "live event stream"),
        (["replay", "--help"], "read models"),
    ],
)
def test_every_parkctl_command_passes_through(command: list[str], says: str) -> None:
    result = _dev(*command)
    assert result.returncode == 0, result.stdout + result.stderr
    assert says in result.stdout


def test_an_unknown_command_is_refused_by_parkctl_naming_it() -> None:
    result = _dev("frobnicate")
    assert result.returncode == 2
    assert "No such command 'frobnicate'" in result.stdout + result.stderr


def _bare_path(tmp_path: Path, *programs: str) -> str:
    """A PATH holding only these programs (and what the doctor script itself needs)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("bash", "head", "sed", "id", "cat", *programs):
        found = os.path.realpath(sys.executable) if name == "python3" else shutil.which(name)
        assert found is not None, name
        (folder / name).symlink_to(found)
    return str(folder)


def test_doctor_names_what_is_missing_with_the_command_that_installs_it(tmp_path: Path) -> None:
    path = _bare_path(tmp_path, "python3")
    env = {"PATH": path, "HOME": str(tmp_path), "CHROMIUM": str(tmp_path / "no-chromium")}
    result = subprocess.run(
        ["bash", str(ROOT / "deploy/local/doctor.sh")], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()

    def line(what: str) -> str:
        return next(x for x in lines if what in x)

    assert line("python3 3.").split()[0] == "ok"
    assert "apt-get install -y openjdk-17-jre-headless" in line("Java 17")
    assert "apt-get install -y maven" in line("Maven")
    assert "apt-get install -y golang-go" in line("Go (builds FerretDB)")
    assert "apt-get install -y chromium" in line("Chromium")
    assert "apt-get install -y fonts-wqy-microhei" in line("a CJK font")
    assert "needs root" in result.stdout and "Maven Central" in result.stdout


def test_doctor_through_dev_on_this_machine() -> None:
    result = _dev("doctor")
    assert result.stdout.startswith("./dev test (lint")
    assert ("missing" in result.stdout) == (result.returncode == 1)
