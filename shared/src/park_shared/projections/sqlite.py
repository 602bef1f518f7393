"""Read models in the service's SQLite file: documents and checkpoint in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from park_shared.projections.port import Change, Doc
from park_shared.sqlite_db import SqliteDatabase

__all__ = ["SqliteReadModels"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS read_models (
  collection TEXT NOT NULL, key TEXT NOT NULL, doc BLOB NOT NULL, position INTEGER NOT NULL,
  PRIMARY KEY (collection, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
"""


class SqliteReadModels:
    def __init__(self, db: SqliteDatabase) -> None:
        self.db = db
        db.apply_schema(SCHEMA)

    async def get(self, collection: str, key: str) -> Doc | None:
        row = self.db.reader.execute(
            "SELECT doc FROM read_models WHERE collection = ? AND key = ?", (collection, key)
        ).fetchone()
        return orjson.loads(row[0]) if row else None

    async def get_at(self, collection: str, key: str) -> tuple[Doc | None, int]:
        row = self.db.reader.execute(
            "SELECT doc, position FROM read_models WHERE collection = ? AND key = ?", (collection, key)
        ).fetchone()
        return (orjson.loads(row[0]), int(row[1])) if row else (None, 0)

    async def find(
        self, collection: str, where: Mapping[str, Any] | None = None, *, limit: int = 10_000
    ) -> list[Doc]:
        sql = "SELECT doc FROM read_models WHERE collection = ?"
        args: list[Any] = [collection]
        for field, value in (where or {}).items():
            sql += " AND json_extract(doc, ?) = ?"
            args += [f"$.{field}", value]
        sql += " ORDER BY key LIMIT ?"
        args.append(limit)
        return [orjson.loads(r[0]) for r in self.db.reader.execute(sql, args).fetchall()]

    async def commit(self, projection: str, changes: Sequence[Change], checkpoint: int) -> None:
        upserts = [
            (c.collection, c.key, orjson.dumps(c.doc), c.position) for c in changes if c.doc is not None
        ]
        deletes = [(c.collection, c.key) for c in changes if c.doc is None]

        def job(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "INSERT INTO read_models (collection, key, doc, position) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (collection, key) DO UPDATE SET doc = excluded.doc,"
                " position = excluded.position WHERE excluded.position >= read_models.position",
                upserts,
            )
            conn.executemany("DELETE FROM read_models WHERE collection = ? AND key = ?", deletes)
            conn.execute(
                "INSERT INTO checkpoints (name, position) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET position = excluded.position",
                (projection, checkpoint),
            )

        await self.db.write(job)

    async def insert_if_absent(self, collection: str, key: str, doc: Doc) -> bool:
        data = orjson.dumps(doc)

        def job(conn: sqlite3.Connection) -> bool:
            inserted = conn.execute(
                "INSERT INTO read_models (collection, key, doc, position) VALUES (?, ?, ?, 0)"
                " ON CONFLICT (collection, key) DO NOTHING",
                (collection, key, data),
            )
            return inserted.rowcount == 1

        written: bool = await self.db.write(job)
        return written

    async def checkpoint(self, projection: str) -> int:
        row = self.db.reader.execute(
            "SELECT position FROM checkpoints WHERE name = ?", (projection,)
        ).fetchone()
        return int(row[0]) if row else 0

    async def reset(self, projection: str, collections: Sequence[str]) -> None:
        def job(conn: sqlite3.Connection) -> None:
            conn.executemany("DELETE FROM read_models WHERE collection = ?", [(c,) for c in collections])
            conn.execute("DELETE FROM checkpoints WHERE name = ?", (projection,))

        await self.db.write(job)
