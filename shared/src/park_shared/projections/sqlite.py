"""Read models in the service's SQLite file: documents and checkpoint in one transaction.

A `find` with fields to match is answered from an index on those fields of that collection
(a partial index on `json_extract(doc, '$.field')`, only the collection's rows), made the first
time this process asks (once per collection and set of fields), as the MongoDB adapter does;
without it every such `find` decoded every document of the collection (registering a lead looks
for the leads of the same name: a cost growing with the leads)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from park_shared.errors import NotFound
from park_shared.projections.port import Change, Doc, ReplicaSet
from park_shared.sqlite_db import SqliteDatabase

__all__ = ["SqliteReadModels"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS read_models (
  collection TEXT NOT NULL, key TEXT NOT NULL, doc BLOB NOT NULL, position INTEGER NOT NULL,
  PRIMARY KEY (collection, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
"""
_DOC = "SELECT doc FROM read_models WHERE collection = ? AND key = ?"
_DOC_AT = "SELECT doc, position FROM read_models WHERE collection = ? AND key = ?"


class SqliteReadModels:
    shared_with: str | None = None  # a commit is one transaction: processes sharing a file lose nothing

    def __init__(self, db: SqliteDatabase) -> None:
        self.db = db
        db.apply_schema(SCHEMA)
        self._indexed: set[tuple[str, tuple[str, ...]]] = set()

    async def get(self, collection: str, key: str) -> Doc | None:
        rows = self.db.read(_DOC, (collection, key))
        return orjson.loads(rows[0][0]) if rows else None

    async def get_at(self, collection: str, key: str) -> tuple[Doc | None, int]:
        rows = self.db.read(_DOC_AT, (collection, key))
        return (orjson.loads(rows[0][0]), int(rows[0][1])) if rows else (None, 0)

    async def find(
        self, collection: str, where: Mapping[str, Any] | None = None, *, limit: int = 10_000
    ) -> list[Doc]:
        if not where:
            sql = "SELECT doc FROM read_models WHERE collection = ? ORDER BY key LIMIT ?"
            return [orjson.loads(r[0]) for r in self.db.read(sql, (collection, limit))]
        fields = tuple(sorted(where))
        await self._index(collection, fields)
        # the collection and the paths as literals: the planner matches an index's expressions
        # and its WHERE only against the same text, never against a bound parameter
        # (named: without statistics SQLite's planner prefers the primary key's collection prefix)
        sql = (
            f'SELECT doc FROM read_models INDEXED BY "{_index_name(collection, fields)}"'
            f" WHERE collection = {_literal(collection)}"
        )
        for field in fields:
            sql += f" AND {_extract(field)} = ?"
        sql += " ORDER BY key LIMIT ?"
        args: list[Any] = [where[f] for f in fields]
        args.append(limit)
        return [orjson.loads(r[0]) for r in self.db.read(sql, tuple(args))]

    async def _index(self, collection: str, fields: tuple[str, ...]) -> None:
        if (collection, fields) in self._indexed:
            return
        ddl = (
            f'CREATE INDEX IF NOT EXISTS "{_index_name(collection, fields)}" ON read_models'
            f" ({', '.join(_extract(f) for f in fields)}, key)"
            f" WHERE collection = {_literal(collection)}"
        )

        def job(conn: sqlite3.Connection) -> None:
            conn.execute(ddl)

        await self.db.write(job)
        self._indexed.add((collection, fields))

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

        # the projections' commits of one batch: on the loop's thread when the writer is idle
        await self.db.write(job, may_hold_loop=True)

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

    async def remove(self, collection: str, key: str, where: Mapping[str, Any] | None = None) -> bool:
        def job(conn: sqlite3.Connection) -> bool:
            row = conn.execute(
                "SELECT doc FROM read_models WHERE collection = ? AND key = ?", (collection, key)
            ).fetchone()
            if row is None or not _matches(orjson.loads(row[0]), where):
                return False
            conn.execute("DELETE FROM read_models WHERE collection = ? AND key = ?", (collection, key))
            return True

        removed: bool = await self.db.write(job)
        return removed

    async def checkpoint(self, projection: str) -> int:
        rows = self.db.read("SELECT position FROM checkpoints WHERE name = ?", (projection,))
        return int(rows[0][0]) if rows else 0

    async def reset(self, projection: str, collections: Sequence[str]) -> None:
        def job(conn: sqlite3.Connection) -> None:
            conn.executemany("DELETE FROM read_models WHERE collection = ?", [(c,) for c in collections])
            conn.execute("DELETE FROM checkpoints WHERE name = ?", (projection,))

        await self.db.write(job)

    async def beat(self) -> bool:
        """Nothing to record: the file is this process's alone."""
        return False

    async def replica_sets(self) -> list[ReplicaSet]:
        return []

    async def drop_replica_set(self, replica: str) -> ReplicaSet:
        raise NotFound(
            "the SQLite store keeps one process's read models: there are no replicas", replica=replica
        )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _extract(field: str) -> str:
    return f"json_extract(doc, {_literal('$.' + field)})"


def _index_name(collection: str, fields: tuple[str, ...]) -> str:
    return "rm_by_" + hashlib.sha256(repr((collection, fields)).encode()).hexdigest()[:20]


def _matches(doc: Doc, where: Mapping[str, Any] | None) -> bool:
    return all(doc.get(field) == value for field, value in (where or {}).items())
