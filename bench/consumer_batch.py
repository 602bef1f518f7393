"""What a delivered batch costs a consumer whose reactions each run one command (issue #18):
store transactions (each one commit, one WAL fsync at synchronous=FULL) and CPU per event,
for batches of K keys × D events per key, on the SQLite store.

    .venv/bin/python bench/consumer_batch.py [--dir /dev/shm] [--rounds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from park_shared.bus.port import Message
from park_shared.consumer import Delivery, EventConsumer
from park_shared.decider import Decider
from park_shared.envelope import Envelope
from park_shared.events import Event, EventMeta, EventRegistry, RecordedEvent
from park_shared.handler import CommandHandler
from park_shared.store.sqlite import SqliteEventStore
from pydantic import BaseModel

registry = EventRegistry("bench")


@registry.event()
class Ticked(Event):
    n: int


@registry.event()
class Counted(Event):
    n: int


class Count(BaseModel):
    n: int


counter: Decider[Count, int, Counted] = Decider(
    0, lambda command, _: [Counted(n=command.n)], lambda total, event: total + 1
)


def message(key: str, n: int) -> Message:
    type_, data = registry.encode(Ticked(n=n))
    meta = EventMeta(uuid.uuid4().hex, "2026-01-01T00:00:00+00:00", "c", "c")
    return Envelope.of("bench", RecordedEvent(0, key, n, type_, data, meta.to_json())).to_message("t")


async def shape(directory: Path, keys: int, depth: int, rounds: int) -> tuple[float, float]:
    """(store transactions per batch, µs CPU per event), medians over `rounds` batches."""
    store = SqliteEventStore.open(directory / f"s-{keys}-{depth}-{uuid.uuid4().hex}.sqlite")
    handler = CommandHandler(store, registry, counter)

    async def count(delivery: Delivery) -> None:
        n = delivery.event.n  # type: ignore[attr-defined]
        await handler.handle(f"s-{delivery.envelope.subject}", Count(n=n), context=delivery.context)

    consumer = EventConsumer(
        "bench", None, registry, {registry.type_of(Ticked): count},  # type: ignore[arg-type]
        is_handled=store.is_handled, topics=["t"],
    )  # fmt: skip
    transactions: list[float] = []
    cpu: list[float] = []
    for r in range(rounds):
        batch = [message(f"r{r}k{k}", n) for n in range(depth) for k in range(keys)]
        before = store.db.inline_commits + store.db.thread_commits
        started = time.process_time()
        await consumer._handle_run(batch)  # one delivered batch, no bus
        cpu.append((time.process_time() - started) / len(batch) * 1e6)
        transactions.append(store.db.inline_commits + store.db.thread_commits - before)
    await store.close()
    return statistics.median(transactions), statistics.median(cpu)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        print("| keys × events per key | store transactions per batch | µs CPU per event |")
        print("|---|---:|---:|")
        for keys, depth in ((1, 1), (4, 1), (16, 1), (32, 1), (64, 1), (8, 3)):
            txs, cpu = await shape(Path(tmp), keys, depth, args.rounds)
            print(f"| {keys} × {depth} | {txs:g} | {cpu:.0f} |")


if __name__ == "__main__":
    asyncio.run(main())
