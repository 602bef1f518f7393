"""`parkctl down` stops the services side by side: every one is signalled before any is waited
for. Stand-ins take the services' pid files; each, once signalled, waits (up to 5 s) until all
have been signalled and records how many were: stopped one after another, the first would see
only itself."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from parkctl.app import app
from parkctl.suite import SERVICES, SuiteDirs
from typer.testing import CliRunner

STAND_IN = """
import pathlib, signal, sys, time
name, signalled, count = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
def on_term(*_):
    with signalled.open("a") as f:
        f.write(name + "\\n")
    end = time.monotonic() + 5
    while time.monotonic() < end and len(signalled.read_text().split()) < count:
        time.sleep(0.05)
    (signalled.parent / f"{name}.saw").write_text(str(len(signalled.read_text().split())))
    sys.exit(0)
signal.signal(signal.SIGTERM, on_term)
(signalled.parent / f"{name}.ready").touch()
while True:
    time.sleep(1)
"""
LAUNCH = """
import subprocess, sys
quiet = subprocess.DEVNULL
p = subprocess.Popen(sys.argv[1:], start_new_session=True, stdout=quiet, stderr=quiet)
print(p.pid)
"""


def _stand_in(folder: Path, name: str, count: int) -> int:
    """A process that is not this test's child (init reaps it, as it does `parkctl up`'s services)."""
    args = [sys.executable, "-c", STAND_IN, name, str(folder / "signalled"), str(count)]
    launched = subprocess.run(
        [sys.executable, "-c", LAUNCH, *args], capture_output=True, text=True, check=True
    )
    return int(launched.stdout)


def test_down_signals_every_service_before_waiting_for_any(tmp_path: Path) -> None:
    dirs = SuiteDirs(tmp_path / "park")
    (dirs.root / "run").mkdir(parents=True)
    for service in SERVICES:
        dirs.pid_file(service).write_text(f"{_stand_in(tmp_path, service.name, len(SERVICES))}\n")
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"{s.name}.ready").exists() for s in SERVICES):
        assert time.monotonic() < deadline, "the stand-ins did not start"
        time.sleep(0.05)
    result = CliRunner().invoke(app, ["down", "--dir", str(dirs.root)])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["stopped:", *(f"{s.name}," for s in SERVICES[:-1]), SERVICES[-1].name]
    saw = {s.name: (tmp_path / f"{s.name}.saw").read_text() for s in SERVICES}
    assert saw == {s.name: str(len(SERVICES)) for s in SERVICES}
    assert not list((dirs.root / "run").iterdir())
