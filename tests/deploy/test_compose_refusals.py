"""`./dev compose up` refuses, before it starts anything, what would leave a half-started suite:
a host port already taken, too little disk for the images, an engine that will not start. Each
time: exit 1, a message naming what failed and how to fix it, nothing left running."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from park_shared.testing._process import free_port

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "deploy" / "compose" / "run.sh"
NAMES = ("DASHBOARD", "HEADQUARTERS", "SERVICE_CENTER", "INDUSTRIAL_CO", "INVESTMENT", "JAEGER", "PROMETHEUS")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Free ports, an empty cache folder, and an engine address where none answers."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PARK_", "DOCKER_"))}
    return (
        clean
        | {f"PARK_PORT_{n}": str(free_port()) for n in NAMES}
        | {
            "PARK_CACHE": str(tmp_path / "cache"),
            "DOCKER_HOST": f"unix://{tmp_path}/no-engine.sock",
            "PARK_PERSONAL_DATA_KEY": "a-data-key-for-the-refusal-tests-0123456789",
        }
    )


def up(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(RUN), "up"], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def taken() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_a_taken_port_is_named_with_the_variable_that_moves_it(env: dict[str, str], taken: int) -> None:
    env["PARK_PORT_SERVICE_CENTER"] = str(taken)
    done = up(env)
    assert done.returncode == 1
    assert f"port {taken} on 127.0.0.1 (service-center) is taken" in done.stderr
    assert "PARK_PORT_SERVICE_CENTER=" in done.stderr
    assert not (Path(env["PARK_CACHE"]) / "docker").exists(), "no engine was started"


def test_too_little_disk_says_how_much_is_needed_and_starts_nothing(env: dict[str, str]) -> None:
    env["PARK_COMPOSE_MIN_FREE_GB"] = "1000000"
    done = up(env)
    assert done.returncode == 1
    assert "GB free" in done.stderr and "1000000 GB are needed" in done.stderr
    assert "docker system prune" in done.stderr
    assert not (Path(env["PARK_CACHE"]) / "docker").exists(), "no engine was started"


def test_an_engine_that_will_not_start_is_reported_with_its_last_words(
    env: dict[str, str], tmp_path: Path
) -> None:
    fake = tmp_path / "bin" / "dockerd"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'failed to start daemon: no cgroups mounted' >&2\nexit 1\n")
    fake.chmod(0o755)
    env["PATH"] = f"{fake.parent}:{env['PATH']}"
    done = up(env)
    assert done.returncode == 1
    assert "no Docker engine" in done.stderr
    if os.geteuid() == 0:  # elsewhere the message is that a private dockerd needs root
        assert "dockerd would not start" in done.stderr and "no cgroups mounted" in done.stderr
    assert not list((Path(env["PARK_CACHE"]) / "docker").glob("*.pid")), "nothing left running"
