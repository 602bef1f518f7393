"""The projection runner: a batch reaches every projection, each event decoded once, and the
projections' commits share one transaction (one fsync) on SQLite; a failing commit leaves
its projection where it was, the others move on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from park_shared.events import Event, EventMeta, EventRegistry, NewEvent, RecordedEvent
from park_shared.projections.runner import ProjectionRunner, ProjectionView
from park_shared.projections.sqlite import SqliteReadModels
from park_shared.store.sqlite import SqliteEventStore
from pydantic import BaseModel

registry = EventRegistry("test")


@registry.event()
class Counted(Event):
    n: int


class Tally:
    def __init__(self, name: str) -> None:
        self.name = name
        self.collections: tuple[str, ...] = (name,)
        self.seen: list[int] = []

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        assert isinstance(event, Counted)
        self.seen.append(event.n)
        doc = await view.get(self.name, "total") or {"sum": 0}
        view.put(self.name, "total", {"sum": doc["sum"] + event.n})


async def stored(tmp_path: Path, count: int) -> tuple[SqliteEventStore, SqliteReadModels]:
    store = SqliteEventStore.open(tmp_path / "p.sqlite")
    meta = EventMeta("id", "2026-12-05T00:00:00+08:00", "c", "c")
    for i in range(1, count + 1):
        type_, data = registry.encode(Counted(n=i))
        await store.append(f"s-{i}", [NewEvent(type_, data, meta)], 0)
    return store, SqliteReadModels(store.db)


async def test_a_batch_is_decoded_once_and_committed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, read_models = await stored(tmp_path, 5)
    decodes = 0
    decode = registry.decode

    def counting(type_: str, data: bytes) -> BaseModel:
        nonlocal decodes
        decodes += 1
        return decode(type_, data)

    monkeypatch.setattr(registry, "decode", counting)
    tallies = [Tally(f"t{i}") for i in range(4)]
    runner = ProjectionRunner(store, read_models, registry, tallies)
    before = store.db.inline_commits + store.db.thread_commits
    assert await runner.catch_up() == 5 * 4
    assert decodes == 5
    assert store.db.inline_commits + store.db.thread_commits - before == 1
    for t in tallies:
        assert t.seen == [1, 2, 3, 4, 5]
        assert await read_models.get(t.name, "total") == {"sum": 15}
        assert await read_models.checkpoint(t.name) == 5
    assert await runner.catch_up() == 0
    await store.close()


async def test_a_failing_commit_holds_back_its_projection_only(tmp_path: Path) -> None:
    store, read_models = await stored(tmp_path, 3)
    commit = read_models.commit

    async def failing(projection: str, changes: Any, checkpoint: int) -> None:
        if projection == "bad":
            raise RuntimeError("disk says no")
        await commit(projection, changes, checkpoint)

    read_models.commit = failing  # type: ignore[method-assign]
    good, bad = Tally("good"), Tally("bad")
    runner = ProjectionRunner(store, read_models, registry, [good, bad])
    with pytest.raises(RuntimeError, match="disk says no"):
        await runner.catch_up()
    assert await read_models.checkpoint("good") == 3 and await read_models.checkpoint("bad") == 0
    read_models.commit = commit  # type: ignore[method-assign]
    assert await runner.catch_up() == 3  # only the one held back
    assert await read_models.get("bad", "total") == {"sum": 6}
    assert await read_models.get("good", "total") == {"sum": 6}
    await store.close()
