#!/usr/bin/env python3
"""bench/ferretdb_leak.py — which request makes FerretDB v1 keep a PostgreSQL connection.

Starts a local FerretDB on PostgreSQL (deploy/local) with its debug listener, runs each
request shape the services send (--times times, one client that stays connected) and, after
each, prints how many PostgreSQL connections FerretDB holds checked out (pgx
`ContextWatcher.Watch` goroutines in its pprof goroutine dump: a pgx connection is watched
from the start of an operation until its result is closed) and how many connections
PostgreSQL sees from it (`pg_stat_activity`). A shape whose count grows by about --times
leaks one connection per request for the life of the client connection.

  python bench/ferretdb_leak.py [--times 20] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from park_shared.testing._process import fetch, free_port
from park_shared.testing.servers import start_ferretdb
from pymongo import AsyncMongoClient, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import PyMongoError

Doc = dict[str, Any]
BATCH = 40  # statements in one update or delete command (--batch)
Probe = Callable[[AsyncDatabase[Doc], int], Awaitable[None]]


def watchers(debug: str) -> int:
    with urllib.request.urlopen(f"http://{debug}/debug/pprof/goroutine?debug=2", timeout=10) as reply:
        return int(reply.read().decode().count("ContextWatcher).Watch"))


def pg_connections(workdir: Path) -> str:
    port = (workdir / "postgres" / "port").read_text().strip()
    sql = (
        "SELECT count(*) || ' (' || coalesce(string_agg(DISTINCT coalesce(state, '?'), ','), '') || ')'"
        " FROM pg_stat_activity WHERE datname = 'ferretdb' AND pid <> pg_backend_pid()"
    )
    cmd = [str(fetch("ensure-postgresql.sh") / "psql"), "-h", "127.0.0.1", "-p", port, "-U", "postgres"]
    cmd += ["-d", "ferretdb", "-At", "-c", sql]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


async def quiet(call: Awaitable[Any]) -> None:
    with contextlib.suppress(PyMongoError):
        await call


# one request shape each: (database, i) -> None
async def ping(db: AsyncDatabase[Doc], i: int) -> None:
    await db.command("ping")


async def find_one_hit(db: AsyncDatabase[Doc], i: int) -> None:
    await db["things"].find_one({"_id": "t-1"})


async def find_one_miss(db: AsyncDatabase[Doc], i: int) -> None:
    await db["things"].find_one({"_id": f"none-{i}"})


async def find_one_sorted(db: AsyncDatabase[Doc], i: int) -> None:
    await db["things"].find_one({"kind": "a"}, {"n": 1}, sort=[("n", -1)])


async def find_one_batch(db: AsyncDatabase[Doc], i: int) -> None:
    await db["things"].find({"kind": "a"}, sort=[("_id", 1)], limit=5, batch_size=5).to_list()


async def find_range(db: AsyncDatabase[Doc], i: int) -> None:
    await (
        db["things"]
        .find({"kind": "a", "n": {"$gt": 3}}, sort=[("n", 1)], limit=1000, batch_size=1000)
        .to_list()
    )


async def insert_one(db: AsyncDatabase[Doc], i: int) -> None:
    await db["ins"].insert_one({"_id": f"x-{i}-{time.monotonic_ns()}"})


async def insert_dup(db: AsyncDatabase[Doc], i: int) -> None:
    await quiet(db["things"].insert_one({"_id": "t-1"}))


async def insert_many_dup(db: AsyncDatabase[Doc], i: int) -> None:
    docs = [{"_id": f"m-{i}-{time.monotonic_ns()}"}, {"_id": "t-1"}, {"_id": f"n-{i}-{time.monotonic_ns()}"}]
    await quiet(db["things"].insert_many(docs, ordered=True))


async def update_max_upsert(db: AsyncDatabase[Doc], i: int) -> None:
    await db["cursors"].update_one({"_id": "relay"}, {"$max": {"position": i}}, upsert=True)


async def update_set_upsert(db: AsyncDatabase[Doc], i: int) -> None:
    await db["checkpoints"].update_one({"_id": "p"}, {"$set": {"position": i}}, upsert=True)


async def raw_update_fresh(db: AsyncDatabase[Doc], i: int) -> None:
    ops = [
        {
            "q": {"_id": f"r-{i % 7}", "_pos": {"$lt": 10_000 + i}},
            "u": {"v": i, "_pos": 10_000 + i},
            "upsert": True,
        }
    ]
    await db.command({"update": "rm", "updates": ops, "ordered": False})


async def raw_update_stale(db: AsyncDatabase[Doc], i: int) -> None:
    # the stored document is newer: the upsert's insert collides (a duplicate key error)
    await db["rm"].update_one({"_id": "stale"}, {"$set": {"_pos": 10**9}}, upsert=True)
    ops = [{"q": {"_id": "stale", "_pos": {"$lt": 1}}, "u": {"v": i, "_pos": 1}, "upsert": True}]
    await db.command({"update": "rm", "updates": ops, "ordered": False})


async def update_batch(db: AsyncDatabase[Doc], i: int) -> None:
    # one `update` command of many statements (a read-model commit of a busy projection pass)
    ops = [
        {"q": {"_id": f"b-{n}", "_pos": {"$lt": i + 1}}, "u": {"v": i, "_pos": i + 1}, "upsert": True}
        for n in range(BATCH)
    ]
    await asyncio.wait_for(db.command({"update": "rm", "updates": ops, "ordered": False}), 30)


async def delete_batch(db: AsyncDatabase[Doc], i: int) -> None:
    ops = [{"q": {"_id": f"b-{n}", "_pos": {"$lt": 10**9}}, "limit": 1} for n in range(BATCH)]
    await asyncio.wait_for(db.command({"delete": "rm", "deletes": ops, "ordered": False}), 30)


async def raw_delete(db: AsyncDatabase[Doc], i: int) -> None:
    ops = [{"q": {"_id": f"gone-{i}", "_pos": {"$lt": 5}}, "limit": 1}]
    await db.command({"delete": "rm", "deletes": ops, "ordered": False})


async def find_and_modify_hit(db: AsyncDatabase[Doc], i: int) -> None:
    await db["rate_limits"].update_one({"_id": "k"}, {"$set": {"count": 0, "expires_at": 1e12}}, upsert=True)
    await db["rate_limits"].find_one_and_update(
        {"_id": "k", "expires_at": {"$gt": 0}}, {"$inc": {"count": 1}}, return_document=ReturnDocument.AFTER
    )


async def find_and_modify_miss(db: AsyncDatabase[Doc], i: int) -> None:
    await db["rate_limits"].find_one_and_update(
        {"_id": f"absent-{i}", "expires_at": {"$gt": 0}},
        {"$inc": {"count": 1}},
        return_document=ReturnDocument.AFTER,
    )


async def find_and_modify_set(db: AsyncDatabase[Doc], i: int) -> None:
    await db["rate_limits"].find_one_and_update(
        {"_id": "k", "expires_at": {"$lte": 0}}, {"$set": {"count": 1}}
    )


async def delete_many(db: AsyncDatabase[Doc], i: int) -> None:
    await db["rate_limits"].delete_many({"expires_at": {"$lt": 0}})


async def delete_one(db: AsyncDatabase[Doc], i: int) -> None:
    await db["checkpoints"].delete_one({"_id": f"none-{i}"})


async def create_index(db: AsyncDatabase[Doc], i: int) -> None:
    await db["things"].create_index([("kind", 1)], name="by_kind")


async def create_index_unique(db: AsyncDatabase[Doc], i: int) -> None:
    await db["things"].create_index([("u", 1), ("n", 1)], unique=True, name="u_n")


async def list_indexes(db: AsyncDatabase[Doc], i: int) -> None:
    await db["things"].index_information()


async def count(db: AsyncDatabase[Doc], i: int) -> None:
    await db["things"].count_documents({"kind": "a"})


async def drop_collection(db: AsyncDatabase[Doc], i: int) -> None:
    await db["scratch"].insert_one({"_id": i})
    await db.drop_collection("scratch")


async def open_cursor_closed(db: AsyncDatabase[Doc], i: int) -> None:
    cursor = db["things"].find({}, batch_size=2)
    await cursor.next()
    await cursor.close()  # killCursors


async def open_cursor_exhausted(db: AsyncDatabase[Doc], i: int) -> None:
    await db["things"].find({}, batch_size=3).to_list()  # getMore until the end


async def session_explicit(db: AsyncDatabase[Doc], i: int) -> None:
    async with db.client.start_session() as session:
        await db["things"].find_one({"_id": "t-1"}, session=session)


async def cancelled_find(db: AsyncDatabase[Doc], i: int) -> None:
    with contextlib.suppress(TimeoutError, PyMongoError):
        await asyncio.wait_for(db["things"].find_one({"kind": "a"}), 0.0005 + (i % 5) / 1000)


async def cancelled_update(db: AsyncDatabase[Doc], i: int) -> None:
    ops = [{"q": {"_id": f"c-{i % 5}", "_pos": {"$lt": i}}, "u": {"v": i, "_pos": i}, "upsert": True}]
    with contextlib.suppress(TimeoutError, PyMongoError):
        await asyncio.wait_for(
            db.command({"update": "rm", "updates": ops, "ordered": False}), 0.001 + (i % 5) / 1000
        )


async def cancelled_insert(db: AsyncDatabase[Doc], i: int) -> None:
    with contextlib.suppress(TimeoutError, PyMongoError):
        await asyncio.wait_for(
            db["ins"].insert_one({"_id": f"ci-{i}-{time.monotonic_ns()}"}), 0.001 + (i % 5) / 1000
        )


PROBES: dict[str, Probe] = {
    f.__name__: f
    for f in (
        ping, find_one_hit, find_one_miss, find_one_sorted, find_one_batch, find_range, insert_one,
        insert_dup, insert_many_dup, update_max_upsert, update_set_upsert, raw_update_fresh,
        raw_update_stale, update_batch, delete_batch, raw_delete, find_and_modify_hit, find_and_modify_miss,
        find_and_modify_set,
        delete_many, delete_one, create_index, create_index_unique, list_indexes, count, drop_collection,
        open_cursor_closed, open_cursor_exhausted, session_explicit, cancelled_find, cancelled_update,
        cancelled_insert,
    )
}  # fmt: skip


async def run(url: str, debug: str, workdir: Path, times: int, only: list[str], parallel: int) -> None:
    client: AsyncMongoClient[Doc] = AsyncMongoClient(url, serverSelectionTimeoutMS=5000)
    db = client["leak"]
    await db["things"].insert_many([{"_id": f"t-{n}", "kind": "a", "n": n, "u": n} for n in range(10)])
    print(f"{'request':24} {'watchers before':>16} {'after':>6} {'postgres after':>20} {'s':>6}", flush=True)
    for name, probe in PROBES.items():
        if only and name not in only:
            continue
        before = watchers(debug)
        start = time.monotonic()
        for i in range(0, times, parallel):
            await asyncio.gather(
                *(probe(db, n) for n in range(i, min(i + parallel, times))), return_exceptions=True
            )
        await asyncio.sleep(0.3)  # let cancelled requests finish on the server
        after = watchers(debug)
        took = time.monotonic() - start
        print(f"{name:24} {before:>16} {after:>6} {pg_connections(workdir):>20} {took:>6.1f}", flush=True)
    await client.close()
    await asyncio.sleep(0.5)
    print(f"client closed: watchers {watchers(debug)}, postgres {pg_connections(workdir)}")


def main() -> int:
    global BATCH
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--times", type=int, default=20, help="requests per shape")
    parser.add_argument("--parallel", type=int, default=1, help="requests of a shape at once")
    parser.add_argument("--only", nargs="*", default=[], choices=sorted(PROBES), help="these shapes only")
    parser.add_argument("--batch", type=int, default=BATCH, help="statements per update_batch/delete_batch")
    parser.add_argument(
        "--pool", type=int, default=None, help="FerretDB's PostgreSQL pool (default: the project's)"
    )
    args = parser.parse_args()
    BATCH = args.batch
    with tempfile.TemporaryDirectory(prefix="ferretdb-leak-") as tmp:
        workdir = Path(tmp)
        debug = f"127.0.0.1:{free_port()}"
        pool = {} if args.pool is None else {"pool": args.pool}
        server = start_ferretdb(workdir, debug_addr=debug, **pool)
        try:
            asyncio.run(run(server.url, debug, workdir, args.times, args.only, args.parallel))
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
