#!/usr/bin/env python3
"""bench/core.py — the shared core's speed on each backend, beside the raw limit of the same
engine measured in the same run, and beside the peer library (eventsourcing) on SQLite.

  ./dev bench                       SQLite store + embedded log, and the peer
  ./dev bench --real                also FerretDB (MongoDB protocol) and Kafka, started locally
                                    (or the servers named by MONGODB_URI / KAFKA_BOOTSTRAP_SERVERS)
  ./dev bench --quick               small sizes, for a smoke run
A benchmark, not a test: it prints figures and asserts nothing."""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _bus_bench import measure_bus, raw_aiokafka_rate, raw_publish_rate
from _peer import run_peer
from _report import print_report
from _stats import median
from _store_bench import Progress, commands, measure_store, raw_mongo_inserts_per_s, raw_sqlite_rows_per_s
from telemetry_overhead import measure as measure_telemetry
from telemetry_overhead import print_overhead


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--real", action="store_true", help="also FerretDB and Kafka")
    p.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    p.add_argument("-n", type=int, default=2000, help="commands per measurement (default 2000)")
    p.add_argument("--replay-events", type=int, default=100_000, help="events replayed (default 100,000)")
    p.add_argument("--mongo-n", type=int, default=300, help="commands per measurement on FerretDB")
    p.add_argument("--mongo-replay-events", type=int, default=5_000, help="events replayed on FerretDB")
    p.add_argument("--rate", type=int, default=1000, help="offered bus rate, events/s (default 1000)")
    p.add_argument("--seconds", type=float, default=5.0, help="latency run length (default 5 s)")
    p.add_argument("--no-peer", action="store_true", help="skip the peer library")
    p.add_argument(
        "--peer-rounds",
        type=int,
        default=3,
        help="rounds of 1-caller commands alternating with the peer's run; medians (default 3)",
    )
    p.add_argument(
        "--no-telemetry", action="store_true", help="skip the command rate with tracing off and on"
    )
    p.add_argument(
        "--peer-script",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared/bench/peer_eventsourcing.py",
    )
    return p.parse_args()


async def sqlite_section(
    args: argparse.Namespace, work: Path
) -> tuple[list[tuple[str, str, float, str]], dict[str, float] | None]:
    """The SQLite rows, and the peer's figures: the 1-caller commands are timed in rounds that
    alternate with the peer's run (the same minutes for both), each round on a fresh store."""
    from park_shared.projections.sqlite import SqliteReadModels
    from park_shared.store.sqlite import SqliteEventStore

    async def open_() -> tuple[SqliteEventStore, object]:
        store = SqliteEventStore.open(work / f"core-{uuid.uuid4().hex[:6]}.sqlite")
        return store, SqliteReadModels(store.db)

    raw = raw_sqlite_rows_per_s(work / "raw.sqlite", args.n)
    rows = [("sqlite", "RAW plain sqlite3 single-row txns (WAL, synchronous=FULL)", raw, "rows/s")]
    rows += await measure_store("sqlite", open_, args.n, args.replay_events, callers_counts=(32,))
    ours: dict[str, list[float]] = {"create": [], "existing": []}
    peers: list[dict[str, float]] = []
    peer_ok = not args.no_peer

    async def our_round() -> None:
        store, _ = await open_()
        try:
            for kind in ours:
                ours[kind].append(await commands(store, args.n, 1, existing=kind == "existing"))
        finally:
            await store.close()

    for r in range(max(1, args.peer_rounds)):
        for step in ("peer", "ours") if r % 2 == 0 else ("ours", "peer"):
            if step == "ours":
                await our_round()
            elif peer_ok:
                found = run_peer(args.peer_script, args.n, work / f"peer-{r}")
                peers += [found] if found else []
                peer_ok = found is not None
    rounds = f"1 caller, median of {len(ours['create'])} rounds beside the peer"
    paired = Progress()
    paired.append(("sqlite", f"create-stream commands, {rounds}", median(ours["create"]), "cmd/s"))
    paired.append(("sqlite", f"commands on existing streams, {rounds}", median(ours["existing"]), "cmd/s"))
    peer = {key: median([p[key] for p in peers]) for key in peers[0]} if peers and peer_ok else None
    return rows[:2] + paired + rows[2:], peer


async def mongo_section(args: argparse.Namespace, uri: str) -> list[tuple[str, str, float, str]]:
    from park_shared.projections.mongo import MongoReadModels
    from park_shared.store.mongo import MongoEventStore

    async def open_() -> tuple[MongoEventStore, object]:
        store = await MongoEventStore.open(uri, f"bench_{uuid.uuid4().hex[:8]}")
        return store, MongoReadModels(store.database)

    raw = await raw_mongo_inserts_per_s(uri, args.mongo_n)
    rows = [("mongodb", "RAW plain insert_one, 1 caller", raw, "rows/s")]
    return rows + await measure_store("mongodb", open_, args.mongo_n, args.mongo_replay_events)


async def bus_section(
    args: argparse.Namespace, work: Path, kafka: str | None
) -> list[tuple[str, str, float, str]]:
    from park_shared.bus.embedded import EmbeddedLog
    from park_shared.store.sqlite import SqliteEventStore

    async def store() -> SqliteEventStore:
        return SqliteEventStore.open(work / f"relay-{uuid.uuid4().hex[:6]}.sqlite")

    async def embedded() -> EmbeddedLog:
        log = EmbeddedLog(work / f"bus-{uuid.uuid4().hex[:6]}.sqlite")
        await log.start()
        return log

    raw_embedded = await raw_publish_rate(await embedded(), args.n * 5)
    rows = [("embedded", "RAW publish, batches of 500", raw_embedded, "events/s")]
    rows += await measure_bus("embedded", embedded, store, min(args.rate, 200), args.seconds, args.n * 5)
    if kafka:
        from park_shared.bus.kafka import KafkaBus

        async def kafka_bus() -> KafkaBus:
            bus = KafkaBus(kafka, client_id="bench")
            await bus.start()
            return bus

        rows.append(
            (
                "kafka",
                "RAW aiokafka produce (idempotent, acks=all), batches of 500",
                await raw_aiokafka_rate(kafka, args.n * 10),
                "events/s",
            )
        )
        rows += await measure_bus("kafka", kafka_bus, store, args.rate, args.seconds, args.n * 10)
    return rows


async def main() -> None:
    args = parse_args()
    # a terminated run still stops the servers it started (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.quick:
        args.n, args.replay_events, args.mongo_replay_events, args.seconds = 400, 10_000, 1_000, 2.0
        args.mongo_n = 100
    work = Path(tempfile.mkdtemp(prefix="park-bench-"))
    servers = []
    kafka = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    mongo = os.environ.get("MONGODB_URI")
    if args.real and not (kafka and mongo):
        from park_shared.testing.servers import start_ferretdb, start_kafka

        if not kafka:
            servers.append(start_kafka(work / "kafka"))
            kafka = servers[-1].url
        if not mongo:
            servers.append(start_ferretdb(work / "ferretdb"))
            mongo = servers[-1].url
    try:
        rows, peer = await sqlite_section(args, work)
        if args.real and mongo:
            rows += await mongo_section(args, mongo)
        rows += await bus_section(args, work, kafka if args.real else None)
    finally:
        for server in servers:
            server.stop()
    print_report(
        rows, peer, f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    if not args.no_telemetry:
        print()
        for export in ("otlp", "none"):  # as production exports; and as the bench did when #18 was filed
            rounds = 1 if args.quick else 5
            print_overhead(measure_telemetry(n=min(args.n, 3000), rounds=rounds, export=export))


if __name__ == "__main__":
    asyncio.run(main())
