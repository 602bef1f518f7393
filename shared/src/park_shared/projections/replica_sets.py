"""The read models of each replica of a service in its one MongoDB database, named by replica,
and how a retired replica's are found and dropped.

A replica named with PARK_REPLICA folds into collections of its own, `rm-<replica>_<name>`,
with its checkpoints in `checkpoints-<replica>`; the unnamed process folds into `rm_<name>` and
`checkpoints`, where the collections no projection owns (the keyring, revoked tokens) live for
every replica. A replica name has no `_` (settings: `[a-z0-9-]*`), so a collection's name
tells its replica. Each replica's beat in `folders` (projections/fold_watch.py) says when it was
last alive.

A replica's set is dropped only when its beat is older than RETIRED_AFTER: the projection
runner beats every BEAT_SECONDS while it waits for events as well, so a beat that old is a
process that stopped, or one cut off from the database. Its beat is marked DROPPED first and
stays, marked: a process of that name that beats again (the one cut off, coming back with its
checkpoints in memory; one started since) rebuilds its read models from the first event, and
one that beats during the drop (and clears the mark) is marked again once the drop is done.
So dropping loses nothing a replica cannot fold again."""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from park_shared.errors import Conflict, NotFound
from park_shared.mongo_db import upsert
from park_shared.projections.fold_watch import DROPPED, FOLDERS
from park_shared.projections.port import RETIRED_MINUTES, ReplicaSet

__all__ = [
    "CHECKPOINTS",
    "PREFIX",
    "checkpoints_name",
    "drop_replica_set",
    "private_name",
    "replica_sets",
]

log = logging.getLogger(__name__)

PREFIX = "rm_"
CHECKPOINTS = "checkpoints"


def private_name(replica: str, collection: str) -> str:
    """The name of a collection a projection owns, in `replica`'s set."""
    return f"rm-{replica}_{collection}" if replica else PREFIX + collection


def checkpoints_name(replica: str) -> str:
    return f"{CHECKPOINTS}-{replica}" if replica else CHECKPOINTS


def _replica_of(name: str, unnamed: frozenset[str]) -> str | None:
    if name.startswith("rm-") and "_" in name:
        return name[3:].split("_", 1)[0]
    if name.startswith(CHECKPOINTS + "-"):
        return name[len(CHECKPOINTS) + 1 :]
    return "" if name in unnamed else None


async def replica_sets(
    database: AsyncDatabase[dict[str, Any]], replica: str, private: Collection[str]
) -> list[ReplicaSet]:
    """Every replica's set in the database, by name: those with collections and those with only
    a beat (not one left marked by a drop). ``replica``: this process's name; ``private``: the
    collections its projections own (what tells the unnamed set's from the shared ones)."""
    unnamed = frozenset([CHECKPOINTS, *(PREFIX + c for c in private)])
    collections: dict[str, list[str]] = {}
    for name in await database.list_collection_names():
        owner = _replica_of(name, unnamed)
        if owner is not None:
            collections.setdefault(owner, []).append(name)
    beats = {str(doc["_id"]): doc async for doc in database[FOLDERS].find({})}
    dropped = {name for name, doc in beats.items() if DROPPED in doc and name not in collections}
    return [
        ReplicaSet(
            name,
            tuple(sorted(collections.get(name, ()))),
            _utc(beats.get(name, {}).get("at")),
            name == replica,
        )
        for name in sorted((collections.keys() | beats.keys()) - dropped)
    ]


async def drop_replica_set(
    database: AsyncDatabase[dict[str, Any]], name: str, replica: str, private: Collection[str], now: datetime
) -> ReplicaSet:
    """Drops the collections of replica `name` when it is retired, its beat marked DROPPED;
    returns what was dropped. NotFound: no such set; Conflict: this process's own, or one that beat lately
    (or never: a process started before beats were recorded cannot be told from a retired one)."""
    found = {s.replica: s for s in await replica_sets(database, replica, private)}
    chosen = found.get(name)
    label = f"replica {name!r}" if name else "the unnamed replica"
    if chosen is None:
        raise NotFound(f"there are no read models of {label} in this database", replica=name)
    if chosen.own:
        raise Conflict(f"{label} is this process: its read models are in use", replica=name)
    if chosen.last_beat is None:
        raise Conflict(
            f"{label} has no beat recorded, so whether it still runs cannot be told; "
            "drop its collections by hand once it is stopped",
            replica=name,
            collections=list(chosen.collections),
        )
    if not chosen.retired(now):
        raise Conflict(
            f"{label} was alive at {chosen.last_beat.isoformat()}: a set is dropped only "
            f"{RETIRED_MINUTES} minutes after its last beat",
            replica=name,
            last_beat=chosen.last_beat.isoformat(),
        )
    folders = database[FOLDERS]
    await folders.update_one({"_id": name}, {"$set": {DROPPED: now}})
    for collection in chosen.collections:
        await database[collection].drop()
    beat = await folders.find_one({"_id": name})
    if beat is None or DROPPED not in beat:  # a process of that name beat during the drop
        log.warning(
            "replica %r beat while its read models were dropped: it rebuilds them at its next beat", name
        )
        await upsert(folders, {"_id": name}, {"$set": {DROPPED: now}})
    return chosen


def _utc(at: Any) -> datetime | None:
    """A beat's time; BSON dates come back naive, in UTC."""
    if not isinstance(at, datetime):
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
