"""Copied by bench/signing_cost.py as `sitecustomize.py` into a folder put first on each
service's PYTHONPATH: a PyMongo command listener that counts the process's MongoDB commands by
name, collection, shape and calling code, and writes the counts to
$PARK_COST_COUNTS_DIR/<pid>.json every 0.2 s. Never imported by the services themselves."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections import Counter
from typing import Any

from pymongo import monitoring

_OUT = os.environ.get("PARK_COST_COUNTS_DIR", "")
_counts: Counter[str] = Counter()
_ADAPTERS = ("park_shared.store.mongo", "park_shared.projections.mongo")


def _shape(name: str, command: Any) -> str:
    """What FerretDB is asked, coarsely: a find by `_id` or by another field, an insert of n
    documents, an update of n statements (with upsert or not)."""
    if name == "find":
        spec = command.get("filter") or {}
        key = next(iter(spec), "")
        if key == "_id":
            return "_id$in" if isinstance(spec["_id"], dict) else "_id"
        return f"by {key or 'nothing'}" + (" sorted" if command.get("sort") else "")
    if name == "insert":
        return f"{len(command.get('documents', []))} doc"
    if name in ("update", "delete"):
        statements = command.get("updates") or command.get("deletes") or []
        upsert = any(s.get("upsert") for s in statements)
        return f"{len(statements)} stmt" + (" upsert" if upsert else "")
    return ""


def _site() -> str:
    """The adapter function that sent the command and the project code that called it."""
    found: list[str] = []
    frame = sys._getframe(2)
    while frame is not None and len(found) < 2:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("park_") and not (found and module in _ADAPTERS):
            found.append(f"{module.rsplit('.', 1)[-1]}.{frame.f_code.co_name}")
        frame = frame.f_back
    return " < ".join(found)


class _Counting(monitoring.CommandListener):
    def started(self, event: monitoring.CommandStartedEvent) -> None:
        name = event.command_name
        collection = event.command.get(name)
        collection = collection if isinstance(collection, str) else ""
        _counts["\t".join((name, collection, _shape(name, event.command), _site()))] += 1

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


def _dump() -> None:
    path = os.path.join(_OUT, f"{os.getpid()}.json")
    while True:
        time.sleep(0.2)
        tmp = path + ".tmp"
        with open(tmp, "w") as out:
            json.dump({"at": time.time(), "counts": dict(_counts)}, out)
        os.replace(tmp, path)


if _OUT:
    monitoring.register(_Counting())
    threading.Thread(target=_dump, daemon=True, name="cost-counts").start()
