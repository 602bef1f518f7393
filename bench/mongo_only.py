#!/usr/bin/env python3
"""bench/mongo_only.py — bench/core.py's MongoDB section alone, against the server named by
--uri, with the load average printed beside each figure: for before/after pairs taken back
to back (run it from another tree's venv to measure that tree's store on the same harness).

  python bench/mongo_only.py --uri mongodb://127.0.0.1:PORT/ [-n 300] [--replay-events 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _domain import DoStep, cases, payload, registry
from _stats import median
from _store_bench import measure_store, raw_mongo_inserts_per_s
from park_shared.handler import CommandHandler


async def cold_long_stream(uri: str, length: int = 1000, reps: int = 20) -> float:
    """A 1,000-event stream loaded by a process that has never read it (a new store each time)."""
    import time

    from park_shared.store.mongo import MongoEventStore

    store = await MongoEventStore.open(uri, f"bench_{uuid.uuid4().hex[:8]}")
    try:
        handler = CommandHandler(store, registry, cases)
        for i in range(0, length, 100):
            await handler.handle("long", DoStep(step=i, data=payload(i), count=100))
        times = []
        for _ in range(reps):
            fresh = CommandHandler(MongoEventStore(store.database), registry, cases)
            start = time.perf_counter()
            _state, version = await fresh.load("long")
            times.append((time.perf_counter() - start) * 1000)
            assert version == length
        await store.database.client.drop_database(store.database.name)
    finally:
        await store.close()
    return median(times)


async def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--uri", default=os.environ.get("MONGODB_URI"), required="MONGODB_URI" not in os.environ)
    p.add_argument("-n", type=int, default=300, help="commands per measurement")
    p.add_argument("--replay-events", type=int, default=5_000)
    p.add_argument("--label", default="")
    args = p.parse_args()
    from park_shared.projections.mongo import MongoReadModels
    from park_shared.store.mongo import MongoEventStore

    async def open_() -> tuple[MongoEventStore, object]:
        store = await MongoEventStore.open(args.uri, f"bench_{uuid.uuid4().hex[:8]}")
        return store, MongoReadModels(store.database)

    load = os.getloadavg()[0]
    raw = await raw_mongo_inserts_per_s(args.uri, args.n)
    rows = [("mongodb", "RAW plain insert_one, 1 caller", raw, "rows/s")]
    rows += await measure_store("mongodb", open_, args.n, args.replay_events)
    rows.append(("mongodb", "load a 1,000-event stream, cold", await cold_long_stream(args.uri), "ms"))
    load = (load + os.getloadavg()[0]) / 2
    for _, what, value, unit in rows:
        ratio = f"  ({value / raw:.2f}x raw)" if unit in ("cmd/s", "events/s") else ""
        print(f"{args.label}\t{what}\t{value:,.1f} {unit}{ratio}\tload {load:.1f}")


if __name__ == "__main__":
    asyncio.run(main())
