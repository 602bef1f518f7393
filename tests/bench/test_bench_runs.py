"""The benchmarks still run against today's core: each is started as `./dev bench` would, at
the smallest sizes, and must finish and print its table. No figure is asserted (speed is
reported by the bench, never tested); a bench broken by a refactor fails here, not on the day
someone needs its figures."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def run(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout


def test_the_core_bench_prints_its_table_for_the_embedded_default() -> None:
    out = run(
        "core.py",
        "--quick",
        "--no-peer",
        "--no-telemetry",
        "-n",
        "100",
        "--replay-events",
        "1000",
        "--seconds",
        "1",
    )
    rows = [
        line for line in out.splitlines() if line.startswith("| sqlite |") or line.startswith("| embedded |")
    ]
    assert any("create-stream commands" in row for row in rows), out
    assert any("outbox relay" in row for row in rows), out


def test_the_tracing_bench_measures_off_on_and_sampled() -> None:
    out = run("telemetry_overhead.py", "-n", "50", "--rounds", "1", "--warmup", "10")
    lines = {
        line.split()[0]: line
        for line in out.splitlines()
        if line.strip().startswith(("off", "on", "sampled"))
    }
    assert set(lines) == {"off", "on", "sampled"}, out
    assert "spans per command" in lines["on"], out


def test_the_consumer_batch_bench_prints_a_row_for_each_batch_shape() -> None:
    out = run("consumer_batch.py", "--rounds", "1")
    rows = [line for line in out.splitlines() if re.match(r"\| \d+ × \d+ \|", line)]
    assert len(rows) == 8, out
    reading = [row for row in rows if row.split("|")[2].strip() == "2"]
    assert reading and all(int(row.split("|")[4]) >= 0 for row in reading), out


def test_the_span_cost_bench_prints_its_median() -> None:
    out = run("trace_span_cost.py", "-n", "50", "--rounds", "1")
    assert "µs per command" in out.splitlines()[-1], out
