#!/usr/bin/env python3
"""bench/signing_cost.py — what one signing (lead signed at investment → case opened at
service-center) costs on Kafka + FerretDB, counted rather than timed:

  * CPU seconds (/proc utime + stime) of each service process, FerretDB, PostgreSQL (the
    postmaster and every backend), the Kafka broker and this client, over N signings sent
    well below saturation; an idle window of the same length first, subtracted;
  * MongoDB commands per signing by service, command, collection, shape and calling code
    (a PyMongo command listener in each service: bench/_cost_listener.py as sitecustomize);
  * FerretDB + PostgreSQL CPU per command kind (a microbench against the same FerretDB, after
    the suite has stopped), and from both the floor: the CPU per signing the store traffic
    alone needs, and the signing rate two cores could carry on it.

  python -m park_shared.testing.servers up --dir DIR      # Kafka + FerretDB on PostgreSQL
  python bench/signing_cost.py --servers DIR [--signings 200] [--rate 4]

Without --servers, the servers are started under a temporary folder and stopped after. The
services run the code the environment's PYTHONPATH names first (another tree's `shared/src`
and `services/*/src`, for a before/after), else the installed one.
A benchmark: it prints tables and asserts nothing."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import httpx
from _cost_cpu import own_cpu, tree_cpu
from _cost_micro import KindCost, cost_of, measure
from _suite_env import SERVICES, running_suite
from _suite_http import client, negotiating_leads, post_retrying, publish_policies
from _suite_signings import drained
from park_service_center.domain.case import case_id_for_lead
from park_shared.testing import servers as test_servers

SETTLE_S = 2.0
"""After the suite drained: the projection runners' last passes, the relays' last polls."""


@dataclass(frozen=True)
class Servers:
    kafka: str
    mongo: str
    pids: dict[str, int]
    """kafka, ferretdb, postgres (the postmaster)."""


@contextmanager
def servers(named: Path | None, work: Path) -> Iterator[Servers]:
    base = named or work / "servers"
    env = (
        test_servers.up(base)
        if named is None
        else dict(line.split("=", 1) for line in (base / "env").read_text().split())
    )
    try:
        pids = {name: int((base / f"{name}.pid").read_text()) for name in ("kafka", "ferretdb", "postgres")}
        yield Servers(env["KAFKA_BOOTSTRAP_SERVERS"], env["MONGODB_URI"], pids)
    finally:
        if named is None:
            test_servers.down(base)


@dataclass(frozen=True)
class Snapshot:
    at: float
    cpu: dict[str, float]
    counts: dict[str, Counter[str]]


def _counts(counts_dir: Path, pids: dict[int, str], since: float) -> dict[str, Counter[str]]:
    """Each service's command counts, from a dump written after `since`."""
    found: dict[str, Counter[str]] = {}
    for pid, name in pids.items():
        path = counts_dir / f"{pid}.json"
        deadline = time.monotonic() + 5
        while True:
            body = json.loads(path.read_text()) if path.exists() else {"at": 0, "counts": {}}
            if body["at"] > since or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        found[name] = Counter(body["counts"])
    return found


def snapshot(suite: Any, srv: Servers, counts_dir: Path) -> Snapshot:
    at = time.time()
    pids = {p.process.pid: name for name, p in suite.services.items()}
    cpu = {name: tree_cpu(pid) for pid, name in pids.items()}
    cpu |= {name: tree_cpu(pid) for name, pid in srv.pids.items()}
    cpu["bench client"] = own_cpu()
    return Snapshot(at, cpu, _counts(counts_dir, pids, at))


def _minus(after: Snapshot, before: Snapshot) -> tuple[float, dict[str, float], dict[str, Counter[str]]]:
    cpu = {k: after.cpu[k] - before.cpu[k] for k in after.cpu}
    counts = {k: after.counts[k] - before.counts[k] for k in after.counts}
    return after.at - before.at, cpu, counts


async def _sign_all(suite: Any, leads: list[str], rate: float) -> None:
    async with client(suite, "investment") as inv:
        start, tasks = time.perf_counter(), []
        for i, lead_id in enumerate(leads):
            due = start + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            body = {"signed_amount": "30000000.00"}
            tasks.append(asyncio.create_task(post_retrying(inv, f"/leads/{lead_id}/agreement", body)))
        await asyncio.gather(*tasks)


async def _cases_open(suite: Any, leads: list[str]) -> int:
    async with client(suite, "service-center") as sc:
        found = 0
        for lead_id in leads:
            found += (await sc.get(f"/cases/{case_id_for_lead(lead_id)}")).status_code == 200
        return found


async def run(suite: Any, srv: Servers, counts_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=suite.services["service-center"].url, timeout=30) as sc:
        today = date.fromisoformat((await sc.get("/public/procedures")).json()["on"])
    await publish_policies(suite, today)
    print(f"preparing {args.signings} leads ...", file=sys.stderr, flush=True)
    leads = await negotiating_leads(suite, args.signings)
    await drained(suite)
    await asyncio.sleep(SETTLE_S)
    print(f"idle for {args.idle_seconds:.0f} s ...", file=sys.stderr, flush=True)
    idle0 = snapshot(suite, srv, counts_dir)
    await asyncio.sleep(args.idle_seconds)
    await drained(suite)
    idle = _minus(snapshot(suite, srv, counts_dir), idle0)
    print(f"signing {args.signings} at {args.rate:g}/s ...", file=sys.stderr, flush=True)
    load = os.getloadavg()[0]
    sign0 = snapshot(suite, srv, counts_dir)
    await _sign_all(suite, leads, args.rate)
    await drained(suite)
    await asyncio.sleep(SETTLE_S)
    signed = _minus(snapshot(suite, srv, counts_dir), sign0)
    opened = await _cases_open(suite, leads)
    return {"idle": idle, "signed": signed, "opened": opened, "load": (load, os.getloadavg()[0])}


def _split(key: str) -> tuple[str, str, str, str]:
    name, collection, shape, site = key.split("\t")
    return name, collection, shape, site


def report(found: dict[str, Any], micro: list[KindCost], args: argparse.Namespace) -> None:
    n = args.signings
    idle_s, idle_cpu, idle_counts = found["idle"]
    secs, cpu, counts = found["signed"]
    load = found["load"]
    print(f"\n## bench/signing_cost.py: {n} signings at {args.rate:g}/s on Kafka + FerretDB")
    print(f"\n{found['opened']} of {n} cases open; window {secs:.1f} s, idle window {idle_s:.1f} s;")
    print(f"load average {load[0]:.1f} at the start, {load[1]:.1f} at the end; {os.cpu_count()} CPUs\n")
    print("| process | CPU per signing | idle share subtracted | net per signing |")
    print("|---|---:|---:|---:|")
    total = net_total = 0.0
    for name, used in cpu.items():
        idle = idle_cpu.get(name, 0.0) / idle_s * secs
        net = used - idle
        total, net_total = total + used, net_total + net
        print(f"| {name} | {used * 1000 / n:.1f} ms | {idle * 1000 / n:.1f} ms | {net * 1000 / n:.1f} ms |")
    print(f"| **all** | {total * 1000 / n:.1f} ms | | **{net_total * 1000 / n:.1f} ms** |")

    costs = {k.kind: k for k in micro}
    print("\nFerretDB + PostgreSQL per command, one caller (microbench after the suite stopped):\n")
    print("| kind | CPU | wall |")
    print("|---|---:|---:|")
    for k in micro:
        print(f"| {k.kind} | {k.cpu_ms:.2f} ms | {k.wall_ms:.2f} ms |")

    rows: Counter[tuple[str, str, str, str]] = Counter()
    idle_rows: Counter[tuple[str, str, str, str]] = Counter()
    for service, c in counts.items():
        for key, k in c.items():
            name, collection, shape, _ = _split(key)
            rows[service, name, collection, shape] += k
    for service, c in idle_counts.items():
        for key, k in c.items():
            name, collection, shape, _ = _split(key)
            idle_rows[service, name, collection, shape] += k
    print("\nMongoDB commands per signing (idle rate subtracted), with the microbench's cost:\n")
    print("| service | command | collection | shape | per signing | idle share | FerretDB+PG CPU |")
    print("|---|---|---|---|---:|---:|---:|")
    floor = commands = 0.0
    by_service: Counter[str] = Counter()
    for (service, name, collection, shape), k in sorted(rows.items(), key=lambda kv: (kv[0][0], -kv[1])):
        idle = idle_rows[service, name, collection, shape] / idle_s * secs
        per = (k - idle) / n
        ms, _ = cost_of(name, shape, costs)
        floor, commands = floor + per * ms, commands + per
        by_service[service] += per  # type: ignore[assignment]
        if abs(per) >= 0.05:
            cells = (service, name, collection, shape, f"{per:.2f}", f"{idle / n:.2f}", f"{per * ms:.2f} ms")
            print("| " + " | ".join(cells) + " |")
    print(f"| **all** | | | | **{commands:.1f}** | | **{floor:.1f} ms** |")
    print("\nby service: " + ", ".join(f"{s} {v:.1f}" for s, v in by_service.most_common()))

    sites: Counter[tuple[str, str, str]] = Counter()
    for service, c in counts.items():
        for key, k in c.items():
            name, collection, _, site = _split(key)
            sites[service, f"{name} {collection}", site] += k
    print("\nthe calling code, per signing (before the idle share; the top 25):\n")
    print("| service | command | sent by | per signing |")
    print("|---|---|---|---:|")
    for (service, command, site), k in sites.most_common(25):
        print(f"| {service} | {command} | {site} | {k / n:.2f} |")

    server = sum(cpu[k] - idle_cpu[k] / idle_s * secs for k in ("ferretdb", "postgres")) * 1000 / n
    stack = net_total * 1000 / n - (cpu["bench client"] - idle_cpu["bench client"] / idle_s * secs) * 1000 / n
    cores = os.cpu_count() or 1
    print("\n**The floor.**")
    print(f"- the store traffic alone, by the microbench: {floor:.1f} ms of FerretDB + PostgreSQL CPU")
    print(f"  a signing (over the run: {server:.1f} ms) → at most {cores * 1000 / floor:.0f} signings/s")
    print(f"  on {cores} cores if nothing else ran")
    print(f"- the whole stack without this client: {stack:.1f} ms a signing")
    print(f"  → at most {cores * 1000 / stack:.0f} signings/s")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--servers", type=Path, help="a folder of `servers up` (default: start them here)")
    p.add_argument("--signings", type=int, default=200)
    p.add_argument("--rate", type=float, default=4.0, help="offered signings/s (default 4)")
    p.add_argument("--idle-seconds", type=float, default=30, help="the idle window (default 30 s)")
    p.add_argument("--micro", type=int, default=300, help="commands per kind in the microbench")
    p.add_argument("--keep", type=Path, help="keep the run's folder (logs, counts) here")
    args = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="park-signing-cost-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    listener, counts_dir = work / "listener", work / "counts"
    listener.mkdir(exist_ok=True)
    counts_dir.mkdir(exist_ok=True)
    shutil.copy(Path(__file__).parent / "_cost_listener.py", listener / "sitecustomize.py")
    path = os.pathsep.join(p for p in (str(listener), os.environ.get("PYTHONPATH", "")) if p)
    extra = {"PYTHONPATH": path, "PARK_COST_COUNTS_DIR": str(counts_dir)}
    try:
        with servers(args.servers, work) as srv:
            with running_suite("real", work, (srv.kafka, srv.mongo), **extra) as suite:
                assert set(suite.services) == set(SERVICES)
                found = asyncio.run(run(suite, srv, counts_dir, args))
            print("microbench of each command kind ...", file=sys.stderr, flush=True)
            micro = measure(srv.mongo, [srv.pids["ferretdb"], srv.pids["postgres"]], args.micro)
        report(found, micro, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
