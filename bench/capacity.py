#!/usr/bin/env python3
"""bench/capacity.py — a synthetic year of a large zone through the suite (its five services as
processes, the e2e harness), at many times real speed: each simulated day's arrivals and
decisions are sent over HTTP as fast as the suite takes them (--workers at once), then the zone
clock moves to the next day (the schedulers see deadlines pass). The workload and its ratios:
bench/_capacity_zone.py.

Reports: commands accepted per service and per second; events stored per service and per type
(so events per lead, per case, per offering, per day); consumer lag and outbox backlog sampled
every simulated week; store growth per simulated month; at the end, once every lag is 0, every
read model compared with its rebuild from the events.

  python bench/capacity.py                                  a year, 3000 enterprises, 15000 cases
  python bench/capacity.py --days 30 --enterprises 300      a short look
A benchmark, not a test: it prints figures and asserts nothing."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _capacity_measure import (
    PUBLISHERS,
    Lag,
    bus_messages,
    events_by_type,
    mean_message_bytes,
    rebuild_agrees,
    store_sizes,
)
from _capacity_zone import CASES_PER_ENTERPRISE, Zone
from _suite_env import running_suite
from _suite_http import client, publish_policies

Growth = list[tuple[int, float, dict[str, int]]]
QUIET = 6.0  # seconds with every lag 0 and no event stored: three overdue scans found nothing


async def quiet(lag: Lag, clients: dict[str, Any], data: Path, began: float) -> float:
    """Waits until every consumer and outbox is drained and no scheduler stores anything for
    QUIET seconds; returns the seconds since `began` when the last event was handled."""
    drained, seen = time.monotonic() - began, -1
    while True:
        total = sum(sum(events_by_type(data, name).values()) for name in PUBLISHERS)
        if total != seen or not await lag.settled(clients):
            seen, drained = total, time.monotonic() - began
        elif time.monotonic() - began - drained >= QUIET:
            return drained
        await asyncio.sleep(0.5)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--days", type=int, default=365, help="simulated days (default 365)")
    p.add_argument("--enterprises", type=int, default=3000, help="leads a year (default 3000)")
    p.add_argument("--cases-per-enterprise", type=float, default=CASES_PER_ENTERPRISE,
                   help=f"walk-in cases a year per enterprise (default {CASES_PER_ENTERPRISE})")  # fmt: skip
    p.add_argument("--workers", type=int, default=12, help="requests in flight (default 12)")
    p.add_argument("--kafka", type=int, default=0, metavar="N",
                   help="then N events through one partition of a three-node Kafka cluster")  # fmt: skip
    return p.parse_args()


def spread(total: float, days: int, day: int) -> int:
    """The day's share of a yearly total, whole numbers that add up to the total."""
    return int(total * (day + 1) / 365) - int(total * day / 365) if day < days else 0


async def run(args: argparse.Namespace, work: Path) -> int:
    """The simulated days, the report; returns the mean size of an event on the bus."""
    with running_suite("embedded", work, None, SC_OVERDUE_SCAN_SECONDS="2") as suite:
        data = Path(suite.env["PARK_DATA_DIR"])
        clients = {name: client(suite, name) for name in PUBLISHERS}
        zone, lag = Zone(clients, args.workers), Lag()
        start = suite.clock.today()
        await publish_policies(suite, start)
        print(f"{args.days} days from {start}, {args.enterprises} enterprises, "
              f"{args.enterprises * args.cases_per_enterprise:.0f} walk-in cases a year; load "
              f"{os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
        began = time.monotonic()
        growth: Growth = []
        for day in range(args.days):
            today = start + timedelta(days=day)
            leads = spread(args.enterprises, args.days, day)
            cases = spread(args.enterprises * args.cases_per_enterprise, args.days, day)
            await zone.day(today, leads, cases, offering=today.day == 1 or day == 0)
            if day % 7 == 6:
                await lag.sample(clients)
            if day % 30 == 29 or day == args.days - 1:
                growth.append((day + 1, time.monotonic() - began, store_sizes(data)))
                elapsed, load = time.monotonic() - began, os.getloadavg()[0]
                sent = sum(zone.sent.values())
                print(f"  day {day + 1}: {sent} commands, {elapsed:.0f} s, load {load:.1f}", flush=True)
            suite.clock.advance(1)
        await zone.close_offering()
        sent_for = time.monotonic() - began
        drained = await quiet(lag, clients, data, began)
        stored = {name: events_by_type(data, name) for name in PUBLISHERS}
        agreement = await rebuild_agrees(clients)
        if stored != {name: events_by_type(data, name) for name in PUBLISHERS}:
            print("(events were stored during the rebuild: the comparison is void)")
        report(args, zone, lag, growth, stored, bus_messages(data), agreement, sent_for, drained)
        size = mean_message_bytes(data)
        for c in clients.values():
            await c.aclose()
        return size


def report(
    args: argparse.Namespace,
    zone: Zone,
    lag: Lag,
    growth: Growth,
    stored: dict[str, Counter[str]],
    topics: Counter[str],
    agreement: dict[str, tuple[list[str], int]],
    sent_for: float,
    drained: float,
) -> None:
    commands = sum(zone.sent.values())
    events = sum(sum(c.values()) for c in stored.values())
    print(f"\n== {args.days} days of a zone in {drained:.0f} s (commands sent in {sent_for:.0f} s; load "
          f"{os.getloadavg()[0]:.1f} at the end)")  # fmt: skip
    print(f"   {args.days * 86400 / drained:,.0f} times real speed; {commands:,} commands "
          f"({commands / sent_for:.0f}/s), {events:,} events stored ({events / drained:.0f}/s)")  # fmt: skip
    print(f"   what happened: {dict(zone.totals)}; refused (expected conflicts): {dict(zone.refused)}")
    print("\n== per service: commands, events stored, bytes on disk, max lag of its consumers")
    sizes = growth[-1][2]
    for name in PUBLISHERS:
        own = [v for k, v in lag.max_lag.items() if k.endswith(name) or f"{name}-" in k]
        print(f"   {name:15} {zone.sent[name]:8,} cmds {sum(stored[name].values()):9,} events "
              f"{sizes.get(name, 0) / 1e6:8.1f} MB  max lag {max(own, default=0):6,}  "
              f"max outbox {lag.max_backlog[name]:,}")  # fmt: skip
    print(f"   bus (embedded log)  {sum(topics.values()):,} messages, {sizes.get('bus', 0) / 1e6:.1f} MB")
    print("\n== events by type (the ratios docs/capacity.md uses)")
    for name in PUBLISHERS:
        for kind, n in stored[name].most_common():
            print(f"   {name:15} {kind:45} {n:8,}")
    print("\n== store growth (MB on disk, every 30 simulated days)")
    for day, seconds, by_file in growth:
        print(f"   day {day:3} at {seconds:6.0f} s: " + ", ".join(
            f"{k} {v / 1e6:.1f}" for k, v in sorted(by_file.items())))  # fmt: skip
    print("\n== read models against a rebuild from the events")
    for name, (changed, applied) in agreement.items():
        verdict = f"DIFFERENT: {', '.join(changed)}" if changed else "identical"
        print(f"   {name:15} {verdict} after replaying {applied:,} events")


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="park-capacity-") as tmp:
        size = asyncio.run(run(args, Path(tmp)))
        if args.kafka:
            from _capacity_kafka import partition_rates

            produced, consumed = partition_rates(Path(tmp), args.kafka, size)
            print(f"\n== one partition, replication factor 3, min.insync.replicas=2, {size}-byte events:"
                  f" {produced:,.0f}/s published (acks=all), {consumed:,.0f}/s consumed and committed;"
                  f" load {os.getloadavg()[0]:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
