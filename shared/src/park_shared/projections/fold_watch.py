"""Which processes fold events into read models of a service's database, and whether another
live one folds into the same documents as this one.

A process with read models leaves a beat in the shared `folders` collection at most every
BEAT_SECONDS, under its replica name (PARK_REPLICA): its process id, a count and the wall-clock
time. The projection runner beats while it waits for events too, so a beat that stops means a
process that stopped (or lost the database): the time is what tells a retired replica's read
models from a live one's (projections/replica_sets.py). A set dropped as retired leaves its beat
marked DROPPED; a process of that name that beats again (one cut off from the database for a
while, one started since) finds the mark and rebuilds its read models from the first event.

On FerretDB v1 two processes folding one set of documents lose updates (projections/mongo.py),
so each replica of a service on one database needs a PARK_REPLICA of its own. There a process
reads the beat under its name first; a beat of another process that has moved since the last
look means that process is alive and folding under the same name (a crashed one's last beat
never moves, so a restart is not taken for it). Then it says so: an error in the log, and
`/ops/status` names the other process until its beats stop for BEAT_SECONDS × 3."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection

from park_shared.mongo_db import upsert

__all__ = ["BEAT_SECONDS", "DROPPED", "FOLDERS", "FoldWatch", "utc_now"]

log = logging.getLogger(__name__)

FOLDERS = "folders"
BEAT_SECONDS = 5.0
DROPPED = "dropped_at"
"""A beat's mark: the replica's read models were dropped then (projections/replica_sets.py)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class FoldWatch:
    """``clock``: the monotonic seconds between beats; ``wall_clock``: the time a beat records."""

    def __init__(
        self,
        folders: AsyncCollection[dict[str, Any]],
        replica: str,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._folders = folders
        self._replica = replica
        self._clock = clock
        self._wall_clock = wall_clock
        self.process = uuid.uuid4().hex
        self._beats = 0
        self._due = 0.0
        self._others: dict[str, int] = {}  # another process's last beat seen here
        self._shared_with: tuple[str, float] | None = None  # that process, and when it last moved

    @property
    def shared_with(self) -> str | None:
        """The other live process folding under this replica name, if one beat lately."""
        if self._shared_with is None:
            return None
        other, moved_at = self._shared_with
        return other if self._clock() - moved_at < BEAT_SECONDS * 3 else None

    async def beat(self, watch: bool) -> bool:
        """Leaves this process's beat under its name (when due), having read the last one there:
        True when that was marked DROPPED (the name's read models were dropped as retired: this
        process's are gone, or it started after), which this beat clears. ``watch``: the last
        beat is looked at for another live process folding under the same name."""
        now = self._clock()
        if now < self._due:
            return False
        self._due = now + BEAT_SECONDS
        doc = await self._folders.find_one({"_id": self._replica})
        if watch and doc is not None and doc.get("process") != self.process:
            self._seen(str(doc.get("process")), int(doc.get("beat", 0)), now)
        dropped = doc is not None and DROPPED in doc
        self._beats += 1
        beat: dict[str, Any] = {
            "$set": {"process": self.process, "beat": self._beats, "at": self._wall_clock()}
        }
        if dropped:
            beat["$unset"] = {DROPPED: ""}
        await upsert(self._folders, {"_id": self._replica}, beat)
        return dropped

    def _seen(self, other: str, beat: int, now: float) -> None:
        last = self._others.get(other)
        self._others[other] = beat
        if last is None or beat <= last:
            return
        if self.shared_with != other:
            log.error(
                "another process (%s) folds events into the read models of replica %r in this "
                "database; on FerretDB two processes folding one set of documents lose updates: "
                "give each replica of the service its own PARK_REPLICA",
                other,
                self._replica,
            )
        self._shared_with = (other, now)
