"""Runs the peer library's benchmark (../shared/bench/peer_eventsourcing.py) in this run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_peer(script: Path, n: int, work: Path) -> dict[str, float] | None:
    """The peer's median figures on SQLite with its defaults, or None when it cannot run."""
    if not script.exists():
        print(f"# peer script not found at {script}", file=sys.stderr)
        return None
    peer_dir = work / "peer"
    peer_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "N": str(n), "REPEATS": "1", "LOAD_REPS": "5", "PEER_WORKDIR": str(peer_dir)}
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"# the peer benchmark failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    figures: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if not line.startswith("es sqlite (lib defaults)"):
            continue
        if " a create aggregate" in line:
            figures["create"] = float(line.split()[-5])
        elif " b load+command+save" in line:
            figures["existing"] = float(line.split()[-5])
        elif "read+decode, section 1000" in line:
            figures["replay"] = float(line.split()[-5])
        elif "no snapshot" in line:
            figures["load_ms"] = float(line.split()[-5])
    return figures
