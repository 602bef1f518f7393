"""What bench/capacity.py measures besides throughput: consumer lag and outbox backlog sampled
through the run, store growth (files and events per service), and whether each read model
equals its rebuild from the events (POST /ops/replay, as `parkctl replay` does)."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

PUBLISHERS = ("headquarters", "service-center", "industrial-co", "investment")
READS = {  # what each service's read models answer, compared before and after a rebuild
    "headquarters": ["/supervision-cases", "/policies", "/project-approvals", "/supervision-cases/counts"],
    "service-center": ["/cases", "/invoices"],
    "investment": ["/leads"],
    "industrial-co": ["/offerings"],
}


@dataclass
class Lag:
    samples: int = 0
    max_lag: Counter[str] = field(default_factory=Counter)
    max_backlog: Counter[str] = field(default_factory=Counter)
    total_lag: Counter[str] = field(default_factory=Counter)

    async def sample(self, clients: dict[str, httpx.AsyncClient]) -> None:
        self.samples += 1
        for name in PUBLISHERS:
            status = (await clients[name].get("/ops/status")).json()
            self.max_backlog[name] = max(self.max_backlog[name], int(status["outbox_backlog"]))
            for c in status["consumers"]:
                lag = int(c.get("lag") or 0)
                self.max_lag[c["name"]] = max(self.max_lag[c["name"]], lag)
                self.total_lag[c["name"]] += lag

    async def settled(self, clients: dict[str, httpx.AsyncClient]) -> bool:
        for name in PUBLISHERS:
            status = (await clients[name].get("/ops/status")).json()
            if status["outbox_backlog"] or any(c.get("lag") for c in status["consumers"]):
                return False
        return True


def store_sizes(data: Path) -> dict[str, int]:
    """Bytes on disk per SQLite file of the suite (with its WAL), e.g. service-center, bus."""
    sizes: Counter[str] = Counter()
    for path in data.glob("*.sqlite*"):
        sizes[path.name.split(".sqlite")[0]] += path.stat().st_size
    return dict(sizes)


def events_by_type(data: Path, service: str) -> Counter[str]:
    """The service's stored events by type (read-only, beside the running service)."""
    with sqlite3.connect(f"file:{data / f'{service}.sqlite'}?mode=ro", uri=True) as db:
        return Counter(dict(db.execute("SELECT type, count(*) FROM events GROUP BY type").fetchall()))


def mean_message_bytes(data: Path) -> int:
    with sqlite3.connect(f"file:{data / 'bus.sqlite'}?mode=ro", uri=True) as db:
        return int(db.execute("SELECT avg(length(value)) FROM messages").fetchone()[0] or 0)


def bus_messages(data: Path) -> Counter[str]:
    with sqlite3.connect(f"file:{data / 'bus.sqlite'}?mode=ro", uri=True) as db:
        return Counter(dict(db.execute("SELECT topic, count(*) FROM messages GROUP BY topic").fetchall()))


async def snapshot(clients: dict[str, httpx.AsyncClient]) -> dict[tuple[str, str], Any]:
    found: dict[tuple[str, str], Any] = {}
    for name, paths in READS.items():
        for path in paths:
            r = await clients[name].get(path)
            r.raise_for_status()
            found[(name, path)] = r.json()
    return found


async def rebuild_agrees(clients: dict[str, httpx.AsyncClient]) -> dict[str, tuple[list[str], int]]:
    """Each service: (the read paths whose answer a rebuild from its events changed, events
    applied by the rebuild)."""
    before = await snapshot(clients)
    applied: dict[str, int] = {}
    for name in READS:
        r = await clients[name].post("/ops/replay", timeout=1800)
        r.raise_for_status()
        applied[name] = int(r.json()["events_applied"])
    after = await snapshot(clients)
    for key in before:
        if before[key] != after[key]:
            name = f"capacity-{key[0]}-{key[1].strip('/').replace('/', '-')}.json"
            dump = Path(tempfile.gettempdir()) / name
            dump.write_text(json.dumps({"before": before[key], "after": after[key]}, indent=1))
    return {
        name: ([p for p in paths if before[(name, p)] != after[(name, p)]], applied[name])
        for name, paths in READS.items()
    }
