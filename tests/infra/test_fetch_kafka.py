"""deploy/local/fetch-kafka.sh into an empty cache: Maven runs and its output carries no
terminal escape codes (Debian's Maven 3.8 writes ESC[0m even in batch mode with colour off)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.real

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "local" / "fetch-kafka.sh"


def test_the_maven_step_prints_no_escape_codes(tmp_path: Path) -> None:
    env = {**os.environ, "PARK_CACHE": str(tmp_path / "cache")}
    result = subprocess.run(["bash", str(SCRIPT)], capture_output=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    libs = Path(result.stdout.decode().strip())
    assert (libs / ".complete").exists() and any(libs.glob("kafka_2.13-*.jar"))
    assert b"\x1b" not in result.stderr, result.stderr
    assert b"\x1b" not in result.stdout
    assert result.stderr.decode().startswith("fetching Kafka ")
