"""Whether another live process folds events into the same read-model documents as this one.

On FerretDB v1 two processes folding one set of documents lose updates (projections/mongo.py),
so each replica of a service on one database needs a PARK_REPLICA of its own. A process that
commits read models leaves a beat in the shared `folders` collection at most every BEAT_SECONDS,
under its replica name: its process id and a count. It reads the beat there first; a beat of
another process that has moved since the last look means that process is alive and folding
under the same name (a crashed one's last beat never moves, so a restart is not taken for it).
Then it says so: an error in the log, and `/ops/status` names the other process until its beats
stop for BEAT_SECONDS × 3."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection

from park_shared.mongo_db import upsert

__all__ = ["BEAT_SECONDS", "FOLDERS", "FoldWatch"]

log = logging.getLogger(__name__)

FOLDERS = "folders"
BEAT_SECONDS = 5.0


class FoldWatch:
    def __init__(
        self,
        folders: AsyncCollection[dict[str, Any]],
        replica: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._folders = folders
        self._replica = replica
        self._clock = clock
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

    async def beat(self) -> None:
        """Looks at the last beat under this name, then leaves this process's (when due)."""
        now = self._clock()
        if now < self._due:
            return
        self._due = now + BEAT_SECONDS
        doc = await self._folders.find_one({"_id": self._replica})
        if doc is not None and doc["process"] != self.process:
            self._seen(str(doc["process"]), int(doc["beat"]), now)
        self._beats += 1
        await upsert(
            self._folders, {"_id": self._replica}, {"$set": {"process": self.process, "beat": self._beats}}
        )

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
