"""FerretDB's CPU (with PostgreSQL's) per MongoDB command, by kind: each kind sent `n` times,
one at a time, into a scratch database beside the suite's, the servers' CPU read before and
after (from /proc). The shapes follow the adapters' hot commands (bench/_cost_listener.py)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from _cost_cpu import tree_cpu
from pymongo import MongoClient

PAYLOAD = "x" * 600  # about a commit of one event, or a read-model document


@dataclass(frozen=True)
class KindCost:
    kind: str
    cpu_ms: float
    """FerretDB + PostgreSQL CPU per command."""
    wall_ms: float


def _doc(i: int) -> dict[str, Any]:
    return {"_id": f"d{i:08d}", "stream": f"s{i % 500}", "version": i, "body": PAYLOAD}


def kinds(coll: Any, n: int) -> dict[str, Callable[[int], object]]:
    fresh = iter(range(10**6, 10**7))
    return {
        "find by _id": lambda i: coll.find_one({"_id": f"d{i % n:08d}"}),
        "find by _id, none": lambda i: coll.find_one({"_id": f"none{i}"}),
        "find by _id $in (8)": lambda i: list(
            coll.find({"_id": {"$in": [f"d{(i + k) % n:08d}" for k in range(8)]}})
        ),
        "find by field, sorted, 1": lambda i: coll.find_one(
            {"stream": f"s{i % 500}"}, sort=[("version", -1)]
        ),
        "insert 1 doc": lambda i: coll.insert_one(_doc(next(fresh))),
        "insert 8 docs": lambda i: coll.insert_many([_doc(next(fresh)) for _ in range(8)]),
        "update 1 stmt": lambda i: coll.update_one({"_id": f"d{i % n:08d}"}, {"$set": {"version": -i}}),
        "update 1 stmt, upsert": lambda i: coll.update_one(
            {"_id": f"d{i % n:08d}"}, {"$set": {"version": i}}, upsert=True
        ),
        "delete 1": lambda i: coll.delete_one({"_id": f"gone{i}"}),
    }


def measure(uri: str, server_pids: list[int], n: int) -> list[KindCost]:
    client: MongoClient[dict[str, Any]] = MongoClient(uri)
    name = f"cost_micro_{uuid.uuid4().hex[:8]}"
    coll = client[name]["docs"]
    try:
        coll.create_index("stream")
        coll.insert_many([_doc(i) for i in range(n)])
        results = []
        for kind, call in kinds(coll, n).items():
            call(0)  # the first of a kind may plan or create
            before, started = sum(tree_cpu(p) for p in server_pids), time.perf_counter()
            for i in range(n):
                call(i)
            wall = time.perf_counter() - started
            used = sum(tree_cpu(p) for p in server_pids) - before
            results.append(KindCost(kind, used * 1000 / n, wall * 1000 / n))
        return results
    finally:
        client.drop_database(name)
        client.close()


def cost_of(name: str, shape: str, costs: dict[str, KindCost]) -> tuple[float, str]:
    """The microbench's estimate for one counted command (name, shape): (CPU ms, kind used)."""

    def ms(kind: str) -> float:
        return costs[kind].cpu_ms

    if name == "find":
        if shape == "_id":
            return ms("find by _id"), "find by _id"
        if shape == "_id$in":
            return ms("find by _id $in (8)"), "find by _id $in (8)"
        return ms("find by field, sorted, 1"), "find by field"
    if name == "insert":
        docs = int(shape.split()[0] or 1)
        per_doc = (ms("insert 8 docs") - ms("insert 1 doc")) / 7
        return ms("insert 1 doc") + (docs - 1) * per_doc, "insert"
    if name == "update":
        statements = int(shape.split()[0] or 1)
        kind = "update 1 stmt, upsert" if "upsert" in shape else "update 1 stmt"
        return statements * ms(kind), kind
    if name == "delete":
        return int(shape.split()[0] or 1) * ms("delete 1"), "delete 1"
    return ms("find by field, sorted, 1"), "as a find by field (not measured)"
