#!/usr/bin/env python3
"""bench/http_ab.py — each command service's HTTP command rate (bench/suite.py's commands),
two source trees side by side: both suites running at once, their runs alternating in rounds
(same minutes, same load), medians and ranges per tree, and each service process's CPU per
command (all its threads; its idle CPU of the second before each run taken off; its system
share shown apart), and the callers' CPU per command (this process: the bench's own httpx
client, which on 2 cores can bound the rate as much as the service does). Optionally py-spy
on one service.

  .venv/bin/python bench/http_ab.py --before /tmp/old-tree --rounds 4 --seconds 4
  .venv/bin/python bench/http_ab.py --before /tmp/old-tree --rounds 1 --profile headquarters

A tree is a checkout whose packages run through PYTHONPATH (shared/src, services/*/src); the
`after` tree defaults to this checkout."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _suite_commands import command_rate
from _suite_env import _harness

ROOT = Path(__file__).resolve().parents[1]
COMMANDERS = ("headquarters", "service-center", "industrial-co", "investment")


def pythonpath(tree: Path) -> str:
    return os.pathsep.join([str(tree / "shared/src"), *map(str, sorted((tree / "services").glob("*/src")))])


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (all its threads)."""
    return sum(cpu_split(pid))


def cpu_split(pid: int) -> tuple[float, float]:
    """User and system CPU of a process so far (all its threads), seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the suites on the way out
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--before", type=Path, required=True)
    p.add_argument("--after", type=Path, default=ROOT)
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--seconds", type=float, default=4)
    p.add_argument("--workers", type=int, default=16)
    p.add_argument("--services", nargs="+", default=list(COMMANDERS))
    p.add_argument("--profile", help="py-spy --gil the `after` tree's process of this service")
    p.add_argument("--profile-tree", default="after", choices=("before", "after"))
    args = p.parse_args()
    harness = _harness()
    trees = {"before": args.before, "after": args.after}
    found: dict[tuple[str, str], list[float]] = {}
    cpu: dict[tuple[str, str], list[float]] = {}
    callers: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="park-http-ab-") as tmp, ExitStack() as stack:
        suites = {}
        for name, tree in trees.items():
            root = Path(tmp) / name
            root.mkdir()
            env = harness.suite_env("embedded", root / "data", None, None, f"ab-{uuid.uuid4().hex[:8]}")
            env["PYTHONPATH"] = pythonpath(tree)
            suite = harness.Suite(root, env).with_clock()
            stack.callback(suite.stop)
            suite.start(*args.services)
            suites[name] = suite
        today: date = harness.START
        spy = None
        if args.profile:
            pid = suites[args.profile_tree].services[args.profile].process.pid
            out = Path(f"/tmp/http_ab_{args.profile}_{args.profile_tree}.txt")
            spy = subprocess.Popen(
                [str(ROOT / ".venv/bin/py-spy"), "record", "--gil", "-p", str(pid), "-r", "200", "-f", "raw",
                 "-o", str(out), "-d", str(int(args.seconds * args.rounds * 2 + 5))],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        load = os.getloadavg()[0]
        for r in range(args.rounds):
            order = ("before", "after") if r % 2 == 0 else ("after", "before")
            for service in args.services:
                for name in order:
                    pid = suites[name].services[service].process.pid
                    idle = cpu_seconds(pid)
                    time.sleep(1.0)  # the process's own background work (pollers), taken off below
                    user, system = cpu_split(pid)
                    before = user + system
                    idle = before - idle
                    caller = time.process_time()
                    rate = asyncio.run(command_rate(suites[name], service, today, args.seconds, args.workers))
                    caller = time.process_time() - caller
                    user_after, system_after = cpu_split(pid)
                    spent = user_after + system_after - before - idle * args.seconds
                    system_ms = (system_after - system) / max(1, rate.done) * 1000
                    ms = spent / max(1, rate.done) * 1000
                    found.setdefault((service, name), []).append(rate.per_second)
                    cpu.setdefault((service, name), []).append(ms)
                    callers.setdefault((service, name), []).append(caller / max(1, rate.done) * 1000)
                    print(
                        f"round {r} {service} {name}: {rate.per_second:.0f}/s, {ms:.2f} ms CPU/command, "
                        f"(system {system_ms:.2f}), the callers' {caller / max(1, rate.done) * 1000:.2f} ms, "
                        f"load {os.getloadavg()[0]:.1f}",
                        file=sys.stderr,
                        flush=True,
                    )
        if spy is not None:
            spy.wait()
        print(f"load {load:.1f} -> {os.getloadavg()[0]:.1f}")
        for service in args.services:
            cells = []
            for name in trees:
                xs = found[(service, name)]
                cells.append(f"{name} {statistics.median(xs):.0f} ({min(xs):.0f}-{max(xs):.0f})")
            ratio = statistics.median(found[(service, "after")]) / statistics.median(
                found[(service, "before")]
            )
            print(f"{service} commands/s: {' | '.join(cells)} | x{ratio:.2f}")
            cells = []
            for name in trees:
                xs = cpu[(service, name)]
                cells.append(f"{name} {statistics.median(xs):.2f} ({min(xs):.2f}-{max(xs):.2f})")
            ratio = statistics.median(cpu[(service, "after")]) / statistics.median(cpu[(service, "before")])
            print(f"{service} server ms CPU/command: {' | '.join(cells)} | x{ratio:.2f}")
            cells = []
            for name in trees:
                xs = callers[(service, name)]
                cells.append(f"{name} {statistics.median(xs):.2f} ({min(xs):.2f}-{max(xs):.2f})")
            print(f"{service} the callers' ms CPU/command: {' | '.join(cells)}")


if __name__ == "__main__":
    main()
