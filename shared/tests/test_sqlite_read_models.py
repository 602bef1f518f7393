"""SqliteReadModels.find with fields to match: the same answers as a scan of the collection,
from a partial index on those fields made the first time a process asks."""

from __future__ import annotations

from pathlib import Path

from park_shared.projections.port import Change
from park_shared.projections.sqlite import SqliteReadModels
from park_shared.sqlite_db import SqliteDatabase


def _lead(key: str, name: str, status: str = "open") -> Change:
    return Change("leads", key, {"lead_id": key, "name": name, "status": status}, 1)


async def _models(path: Path) -> tuple[SqliteDatabase, SqliteReadModels]:
    db = SqliteDatabase(path)
    models = SqliteReadModels(db)
    await models.commit(
        "leads",
        [
            _lead("l-3", "acme"),
            _lead("l-1", "acme", "merged"),
            _lead("l-2", "other"),
            Change("contacts", "l-9", {"lead_id": "l-9", "name": "acme"}, 1),
            Change("it's", "q-1", {"o'k": "x"}, 1),
        ],
        1,
    )
    return db, models


async def test_find_by_fields_matches_that_collection_only_in_key_order(tmp_path: Path) -> None:
    db, models = await _models(tmp_path / "rm.sqlite")
    acme = await models.find("leads", {"name": "acme"})
    assert [d["lead_id"] for d in acme] == ["l-1", "l-3"]
    assert await models.find("leads", {"name": "acme", "status": "open"}) == [acme[1]]
    assert await models.find("leads", {"status": "open", "name": "acme"}) == [acme[1]]
    assert [d["lead_id"] for d in await models.find("leads", {"name": "acme"}, limit=1)] == ["l-1"]
    assert await models.find("leads", {"name": "nobody"}) == []
    assert await models.find("contacts", {"name": "acme"}) == [{"lead_id": "l-9", "name": "acme"}]
    assert await models.find("it's", {"o'k": "x"}) == [{"o'k": "x"}]
    assert len(await models.find("leads")) == 3
    await db.close()


async def test_find_is_answered_from_an_index_on_the_fields(tmp_path: Path) -> None:
    db, models = await _models(tmp_path / "rm.sqlite")
    await models.find("leads", {"name": "acme"})
    indexes = db.reader.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'read_models'"
        " AND sql IS NOT NULL"
    ).fetchall()
    assert len(indexes) == 1
    name, sql = indexes[0]
    assert "json_extract(doc, '$.name')" in sql and "WHERE collection = 'leads'" in sql
    plan = db.reader.execute(
        f'EXPLAIN QUERY PLAN SELECT doc FROM read_models INDEXED BY "{name}"'
        " WHERE collection = 'leads' AND json_extract(doc, '$.name') = ?",
        ("acme",),
    ).fetchall()
    assert any(name in row[-1] for row in plan)
    await db.close()


async def test_changes_after_the_index_is_made_are_found_by_another_process(tmp_path: Path) -> None:
    db, models = await _models(tmp_path / "rm.sqlite")
    assert len(await models.find("leads", {"name": "acme"})) == 2
    await models.commit("leads", [_lead("l-2", "acme"), Change("leads", "l-1", None, 2)], 2)
    assert [d["lead_id"] for d in await models.find("leads", {"name": "acme"})] == ["l-2", "l-3"]
    await db.close()
    again = SqliteDatabase(tmp_path / "rm.sqlite")
    other = SqliteReadModels(again)
    assert [d["lead_id"] for d in await other.find("leads", {"name": "acme"})] == ["l-2", "l-3"]
    assert [d["lead_id"] for d in await other.find("leads", {"name": "other"})] == []
    await again.close()
