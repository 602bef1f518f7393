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
from park_shared.consumer import Delivery, EventConsumer, handle_in_lanes
from park_shared.decider import Decider
from park_shared.envelope import Envelope
from park_shared.events import Event, EventMeta, EventRegistry, RecordedEvent
from park_shared.handler import CommandHandler
from park_shared.projections.runner import ProjectionRunner, ProjectionView
from park_shared.projections.sqlite import SqliteReadModels
from park_shared.store.sqlite import SqliteEventStore
from pydantic import BaseModel

registry = EventRegistry("bench")
LANES = 32  # keys handled side by side: EventConsumer's default


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


class Totals:
    """A read model: one document per stream, its events counted."""

    name = "totals"
    collections = ("totals",)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        doc = await view.get("totals", record.stream_id) or {"n": 0}
        view.put("totals", record.stream_id, {"n": doc["n"] + 1})


def message(key: str, n: int) -> Message:
    type_, data = registry.encode(Ticked(n=n))
    meta = EventMeta(uuid.uuid4().hex, "2026-01-01T00:00:00+00:00", "c", "c")
    return Envelope.of("bench", RecordedEvent(0, key, n, type_, data, meta.to_json())).to_message("t")


async def shape(
    directory: Path, keys: int, depth: int, rounds: int, reads: int = 0
) -> tuple[float, float, float]:
    """(store transactions per batch, read-model catch-up passes per batch, µs CPU per
    event), medians over `rounds` batches. `reads`: how many times each reaction reads the
    read models first (a service's `read_models()`: a catch-up, then the read)."""
    store = SqliteEventStore.open(directory / f"s-{keys}-{depth}-{uuid.uuid4().hex}.sqlite")
    handler = CommandHandler(store, registry, counter)
    runner = ProjectionRunner(store, SqliteReadModels(store.db), registry, [Totals()])
    passes_made = 0
    one_pass = runner._pass

    async def counted_pass(target: int | None = None) -> int:
        nonlocal passes_made
        passes_made += 1
        return await one_pass(target)

    runner._pass = counted_pass  # type: ignore[method-assign]

    async def count(delivery: Delivery) -> None:
        n = delivery.event.n  # type: ignore[attr-defined]
        for _ in range(reads):
            await runner.catch_up()
        await handler.handle(f"s-{delivery.envelope.subject}", Count(n=n), context=delivery.context)

    consumer = EventConsumer(
        "bench", None, registry, {registry.type_of(Ticked): count},  # type: ignore[arg-type]
        is_handled=store.is_handled, topics=["t"], lanes=LANES,
    )  # fmt: skip
    transactions: list[float] = []
    passes: list[float] = []
    cpu: list[float] = []
    for r in range(rounds):
        batch = [message(f"r{r}k{k}", n) for n in range(depth) for k in range(keys)]
        if reads:
            await runner.catch_up()  # the previous batch's effects applied, as the runner would
        before = store.db.inline_commits + store.db.thread_commits
        passes_before = passes_made
        started = time.process_time()
        await handle_in_lanes(batch, consumer.handle, LANES)  # one delivered batch, as the loop runs it
        cpu.append((time.process_time() - started) / len(batch) * 1e6)
        transactions.append(store.db.inline_commits + store.db.thread_commits - before)
        passes.append(passes_made - passes_before)
    await store.close()
    return statistics.median(transactions), statistics.median(passes), statistics.median(cpu)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        print("| keys × events per key | read-model reads per reaction | store transactions"
              " per batch | catch-up passes per batch | µs CPU per event |")  # fmt: skip
        print("|---|---:|---:|---:|---:|")
        shapes = ((1, 1, 0), (4, 1, 0), (16, 1, 0), (32, 1, 0), (64, 1, 0), (8, 3, 0), (16, 1, 2), (8, 3, 2))
        for keys, depth, reads in shapes:
            txs, passes, cpu = await shape(Path(tmp), keys, depth, args.rounds, reads)
            print(f"| {keys} × {depth} | {reads} | {txs:g} | {passes:g} | {cpu:.0f} |")


if __name__ == "__main__":
    asyncio.run(main())
