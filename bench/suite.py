#!/usr/bin/env python3
"""bench/suite.py — the suite end to end, its five services as separate processes (the e2e harness):

  * signing → case: latency from POST /leads/{id}/agreement at investment until the lead's case
    is readable at service-center (GET /cases/{id}), p50/p99 at offered rates (default 10, 50
    and 200 signings/s, open loop), and the highest sustained rate (a bisection between the
    fastest rate sustained and the slowest one not);
  * the sustained command rate of each service over HTTP, one cheap command each (closed loop);
  * the same command rates again with a second suite up beside the first that traces every
    request (OTLP export to a local sink): the two take turns in slices of each service's run,
    so tracing's cost is read from the same minutes (the rates of the first table come from the
    first suite alone, before the second starts);
  * with --lag-check, consumer lag sampled through a longer run (default 60 s) at one rate.

  python bench/suite.py                 the embedded default (SQLite files, embedded log)
  python bench/suite.py --real          also Kafka + FerretDB: started here, or the servers named
                                        by KAFKA_BOOTSTRAP_SERVERS and MONGODB_URI
Sustained means: every case opened, the sender kept to its schedule (never 0.25 s behind), no
queue built up (the median latency of the last tenth of the signings not both twice and 200 ms
above that of the first tenth), p99 under 1 s.
Leads are prepared (registered, contacted, negotiating) before each timed run: three commands per
signing, so a run has at most the signings --prep-budget seconds of preparation allow at the
investment command rate measured first (a fast rate on a slow backend runs shorter than
--seconds). Each backend's tables are printed as soon as it is done.
A benchmark, not a test: it prints figures and asserts nothing."""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import httpx
from _suite_commands import CommandRate, command_rate, merged
from _suite_env import real_servers, running_suite
from _suite_http import negotiating_leads, publish_policies
from _suite_report import print_report
from _suite_signings import LagResult, RateResult, drained, lag_during, signings_at
from _suite_telemetry import traced_env
from park_shared.testing.otlp_sink import otlp_sink

SERVICES = ("headquarters", "service-center", "industrial-co", "investment")
SETTLE_S = 0.5


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--real", action="store_true", help="also on Kafka + FerretDB")
    p.add_argument("--only-real", action="store_true", help="only on Kafka + FerretDB")
    p.add_argument("--rates", type=float, nargs="+", default=[10, 50, 200], help="offered signings/s")
    p.add_argument("--seconds", type=float, default=20, help="length of each rate's run (default 20 s)")
    p.add_argument(
        "--max-signings",
        type=int,
        default=600,
        help="at most this many signings per run; a faster rate runs shorter (default 600)",
    )
    p.add_argument(
        "--prep-budget",
        type=float,
        default=120,
        help="seconds of lead preparation a run may take; caps its signings by the investment "
        "command rate measured first (default 120)",
    )
    p.add_argument("--search", type=int, default=3, help="bisection steps for the highest sustained rate")
    p.add_argument(
        "--search-seconds", type=float, default=10, help="length of each search run (default 10 s)"
    )
    p.add_argument("--poll-ms", type=float, default=10, help="how often a case is looked for (default 10 ms)")
    p.add_argument(
        "--probe-budget",
        type=float,
        default=50,
        help="case look-ups per second that find nothing, at most, shared by the signings waiting, "
        "on top of the one per signing that finds its case (default 50; each costs the "
        "service-center about 3 ms of CPU)",
    )
    p.add_argument("--command-seconds", type=float, default=10, help="per service command run (default 10 s)")
    p.add_argument("--workers", type=int, default=16, help="concurrent callers for command rates")
    p.add_argument(
        "--command-slices",
        type=int,
        default=4,
        help="turns the untraced and the traced suite take in each service's command run (default 4)",
    )
    p.add_argument("--keep", type=Path, help="keep the services' data and logs in this folder")
    p.add_argument(
        "--no-telemetry", action="store_true", help="skip the command rates with every request traced"
    )
    p.add_argument("--lag-check", action="store_true", help="also sample consumer lag through a long run")
    p.add_argument("--lag-seconds", type=float, default=60, help="the lag run's length (default 60 s)")
    p.add_argument(
        "--lag-rate",
        type=float,
        default=0,
        help="the lag run's rate (default: the highest sustained rate found)",
    )
    return p.parse_args()  # fmt: skip


async def _rate_run(suite: Any, rate: float, seconds: float, args: argparse.Namespace) -> RateResult:
    n = max(1, min(args.max_signings, args.prep_cap, round(rate * seconds)))
    print(f"  {rate:g}/s: preparing {n} leads ...", file=sys.stderr, flush=True)
    leads = await negotiating_leads(suite, n)
    await drained(suite)
    result = await signings_at(suite, leads, rate, args.poll_ms / 1000, args.probe_budget)
    print(f"  {rate:g}/s: {result.signings} signings, {result.opened_per_s:.1f} cases/s, p50 "
          f"{result.p50_ms:.0f} ms, p99 {result.p99_ms:.0f} ms (the probe's gap p50 {result.gap_p50_ms:.0f}, "
          f"p99 {result.gap_p99_ms:.0f} ms), {result.unfinished} unread after 60 s, "
          f"{'sustained' if result.sustained else 'NOT sustained'}", file=sys.stderr, flush=True)  # fmt: skip
    return result


async def _highest(
    suite: Any, runs: list[RateResult], args: argparse.Namespace
) -> tuple[float, float | None]:
    """(highest rate sustained, lowest not sustained) after a bisection between the two."""
    ok = max((r.offered for r in runs if r.sustained), default=0.0)
    bad = min((r.offered for r in runs if not r.sustained and r.offered > ok), default=None)
    for _ in range(args.search if bad is not None else 0):
        assert bad is not None
        middle = round((ok + bad) / 2, 1) if ok else bad / 2
        if bad - middle < 1:
            break
        result = await _rate_run(suite, middle, args.search_seconds, args)
        runs.append(result)
        ok, bad = (middle, bad) if result.sustained else (ok, middle)
    return ok, bad


async def _command_rates(suites: dict[str, Any], args: argparse.Namespace) -> dict[str, list[CommandRate]]:
    """Each service's command rate on every suite given ("off", and "on" when traced), the suites
    taking turns in `--command-slices` slices (the order swapped each turn): tracing's cost is read
    from the same minutes, not from two suites run one after the other."""
    days = {}
    for mode, suite in suites.items():
        async with httpx.AsyncClient(base_url=suite.services["service-center"].url, timeout=30) as sc:
            days[mode] = date.fromisoformat((await sc.get("/public/procedures")).json()["on"])
        await publish_policies(suite, days[mode])
    slices = max(1, args.command_slices) if len(suites) > 1 else 1
    rates: dict[str, list[CommandRate]] = {mode: [] for mode in suites}
    for service in SERVICES:
        taken: dict[str, list[CommandRate]] = {mode: [] for mode in suites}
        for k in range(slices):
            for mode in list(suites) if k % 2 == 0 else list(reversed(suites)):
                await asyncio.sleep(SETTLE_S)  # the last slice's reactions are not this one's cost
                seconds = args.command_seconds / slices
                rate = await command_rate(suites[mode], service, days[mode], seconds, args.workers)
                taken[mode].append(rate)
        for mode in suites:
            rates[mode].append(merged(taken[mode]))
            label = "" if mode == "off" else " (traced)"
            done = rates[mode][-1].per_second
            print(f"  {service}{label}: {done:.0f} commands/s", file=sys.stderr, flush=True)
    return rates


async def _measure(suite: Any, args: argparse.Namespace, commands: list[CommandRate]) -> dict[str, Any]:
    # three investment commands prepare a signing: what the preparation budget allows per run
    args.prep_cap = max(10, int(commands[-1].per_second * args.prep_budget / 3))
    runs = [await _rate_run(suite, rate, args.seconds, args) for rate in args.rates]
    highest = await _highest(suite, runs, args)
    lag: tuple[RateResult, LagResult] | None = None
    if args.lag_check:
        rate = args.lag_rate or highest[0] or min(args.rates)
        n = max(1, min(args.prep_cap * 2, round(rate * args.lag_seconds)))
        print(f"  lag check: preparing {n} leads ...", file=sys.stderr, flush=True)
        leads = await negotiating_leads(suite, n)
        await drained(suite)
        lag = await lag_during(suite, leads, rate, args.poll_ms / 1000, args.probe_budget)
    return {
        "commands": commands,
        "runs": sorted(runs, key=lambda r: r.offered),
        "highest": highest,
        "lag": lag,
    }


def _backend(name: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    print(f"{name}: starting the suite ...", file=sys.stderr, flush=True)
    with ExitStack() as stack:
        servers = None if name == "embedded" else stack.enter_context(real_servers(work))
        suite = stack.enter_context(running_suite(name, work, servers))
        commands = asyncio.run(_command_rates({"off": suite}, args))["off"]
        paired: dict[str, list[CommandRate]] = {}
        exports = 0
        if not args.no_telemetry:
            print(f"{name}: a second suite beside it, tracing every request ...", file=sys.stderr, flush=True)
            with otlp_sink(keep=False) as sink:
                with running_suite(name, work, servers, **traced_env(sink.url)) as traced:
                    paired = asyncio.run(_command_rates({"off": suite, "on": traced}, args))
                exports = sink.count
        found = asyncio.run(_measure(suite, args, commands))
        found["traced_off"], found["traced"], found["exports"] = paired.get("off"), paired.get("on"), exports
        return found


def main() -> None:
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the suite and servers on the way out
    backends = ["real"] if args.only_real else ["embedded", *(["real"] if args.real else [])]
    with tempfile.TemporaryDirectory(prefix="park-bench-suite-") as tmp:
        for name in backends:
            load, started = os.getloadavg()[0], time.time()
            found = _backend(name, args.keep or Path(tmp), args)
            machine = (
                f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, load "
                f"average {load:.1f} at the start and {os.getloadavg()[0]:.1f} at the end, "
                f"{time.time() - started:.0f} s"
            )
            print_report({name: found}, machine, args)


if __name__ == "__main__":
    main()
