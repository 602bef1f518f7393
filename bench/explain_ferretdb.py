#!/usr/bin/env python3
"""bench/explain_ferretdb.py — what PostgreSQL does behind FerretDB for each hot query of the
MongoDB adapters: starts a local FerretDB on PostgreSQL (deploy/local), turns on PostgreSQL's
auto_explain for FerretDB's sessions, fills an event store (--commits commits over --streams
streams), runs each hot query once through the adapters and prints the plan PostgreSQL logged
for it. For docs/performance.md; a MongoDB's own plans come from `explain` on a MongoDB.

  python bench/explain_ferretdb.py [--commits 5000] [--streams 500]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from park_shared.events import EventMeta, NewEvent
from park_shared.projections.mongo import MongoReadModels
from park_shared.projections.port import Change
from park_shared.store.mongo import MongoEventStore
from park_shared.testing._process import fetch
from park_shared.testing.servers import start_ferretdb

SETTINGS = {
    "session_preload_libraries": "'auto_explain'",
    "auto_explain.log_min_duration": "0",
    "auto_explain.log_analyze": "on",
    "auto_explain.log_timing": "off",
}


def psql(workdir: Path, *statements: str) -> str:
    port = (workdir / "postgres" / "port").read_text().strip()
    cmd = [str(fetch("ensure-postgresql.sh") / "psql"), "-h", "127.0.0.1", "-p", port, "-U", "postgres"]
    cmd += ["-d", "ferretdb", "-At", *(arg for sql in statements for arg in ("-c", sql))]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def size(path: Path) -> int:
    return path.stat().st_size


def plans(log: Path, start: int) -> list[str]:
    """The plans auto_explain wrote to the log after byte ``start``, without the query text."""
    text = log.read_text(errors="replace")[start:]
    found = []
    for block in re.split(r"\n(?=\S+ \S+ UTC \[\d+\] LOG:  duration:)", text):
        if "Query Text:" in block:
            lines = block.splitlines()
            body = [ln for ln in lines if ln.startswith(("\t", "  ")) and "Query Text" not in ln]
            query = next((ln for ln in lines if "Query Text:" in ln), "")
            found.append(re.sub(r".*Query Text: ", "SQL: ", query).strip() + "\n" + "\n".join(body))
    return found


async def fill(store: MongoEventStore, commits: int, streams: int) -> None:
    versions = [0] * streams
    for i in range(commits):
        s = i % streams
        meta = EventMeta(f"e-{i}", "2026-01-05T08:00:00+00:00", "c", "c", actor="bench")
        event = NewEvent("park.bench.Done.v1", b'{"step": %d}' % i, meta)
        versions[s] = await store.append(f"s-{s}", [event], versions[s], inbox_key=f"in-{i}")


async def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--commits", type=int, default=5000)
    p.add_argument("--streams", type=int, default=500)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="park-explain-") as tmp:
        work = Path(tmp) / "ferretdb"
        server = start_ferretdb(work)
        try:
            statements = [f"ALTER SYSTEM SET {key} = {value}" for key, value in SETTINGS.items()]
            psql(work, "LOAD 'auto_explain'", *statements)
            server.restart()  # FerretDB's new sessions load auto_explain
            await explain(server.url, work / "postgres" / "postgres.log", args)
        finally:
            server.stop()


async def explain(url: str, log: Path, args: argparse.Namespace) -> None:
    store = await MongoEventStore.open(url, f"explain_{uuid.uuid4().hex[:6]}")
    models = MongoReadModels(store.database)
    print(f"filling {args.commits} commits over {args.streams} streams ...", file=sys.stderr)
    await fill(store, args.commits, args.streams)
    await models.commit("p", [Change("things", "t-1", {"kind": "a"}, 1)], 1)
    middle = args.commits // 2
    fresh = MongoEventStore(store.database)  # another process: no stream kept
    queries: list[tuple[str, Callable[[], Awaitable[Any]]]] = [
        ("a stream's read (by a store that has not read it)", lambda: fresh.read_stream("s-7")),
        ("a kept stream's check (the store that wrote it)", lambda: store.read_stream("s-7")),
        ("the global read (a block)", lambda: MongoEventStore(store.database).read_all(middle, 1000)),
        ("an inbox check", lambda: store.is_handled(f"in-{middle}")),
        ("a cursor", lambda: store.get_cursor("outbox")),
        ("a checkpoint", lambda: models.checkpoint("p")),
        ("a read-model get", lambda: models.get("things", "t-1")),
        ("a read-model find by a field", lambda: models.find("things", {"kind": "a"})),
    ]
    await store.ping()
    for name, run in queries:
        start = size(log)
        await run()
        await asyncio.sleep(0.3)  # the log is written by the server
        print(f"### {name}\n")
        for plan in plans(log, start):
            print(plan + "\n")
    await store.close()


if __name__ == "__main__":
    asyncio.run(main())
