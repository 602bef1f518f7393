"""A policy's versions on the calendar: which one is in force on a date, which supersessions
are due. Pure functions over the versions; the decider and the read side share them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from itertools import pairwise
from typing import Any, Literal

from park_shared.validity import in_effect
from pydantic import BaseModel, ConfigDict

__all__ = ["PolicyVersion", "Supersession", "due_supersessions", "ever_in_force", "in_force_on"]

VersionStatus = Literal["drafted", "published", "superseded", "revoked"]


class PolicyVersion(BaseModel):
    """One version. `effective_until` is exclusive: the successor's effective_from."""

    model_config = ConfigDict(frozen=True)

    version: int
    title: str
    terms: dict[str, Any]
    status: VersionStatus = "drafted"
    drafted_on: date
    effective_from: date | None = None
    published_at: datetime | None = None
    effective_until: date | None = None
    superseded_by: int | None = None
    revoked_on: date | None = None
    revocation_reason: str | None = None


class Supersession(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int
    superseded_by: int
    effective_until: date


def ever_in_force(v: PolicyVersion) -> bool:
    """Published and not revoked before the day it was to take effect. (Revoked on that very
    day, it took effect, superseding its predecessor, and ended at once.)"""
    if v.effective_from is None:
        return False
    return v.revoked_on is None or v.revoked_on >= v.effective_from


def _order(v: PolicyVersion) -> tuple[date, int]:
    return (v.effective_from or date.min, v.version)


def in_force_on(versions: Iterable[PolicyVersion], on: date) -> PolicyVersion | None:
    """The version in force on `on`: the latest to take effect by then, unless revoked by then
    (park_shared.validity, the rule every unit applies)."""
    started = [v for v in versions if ever_in_force(v) and _order(v)[0] <= on]
    if not started:
        return None
    latest = max(started, key=_order)
    if not in_effect(on, latest.effective_from, None, latest.revoked_on):
        return None
    return latest


def due_supersessions(versions: Iterable[PolicyVersion], today: date) -> list[Supersession]:
    """Published versions that have taken effect by `today`: each but the latest is superseded
    by its successor, from the successor's effective date."""
    live = sorted((v for v in versions if v.status == "published" and _order(v)[0] <= today), key=_order)
    return [
        Supersession(version=old.version, superseded_by=new.version, effective_until=_order(new)[0])
        for old, new in pairwise(live)
    ]
