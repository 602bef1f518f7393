"""Which policy version is in force on a date, from the recorded versions. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from park_shared.projections.port import Doc
from park_shared.validity import in_effect

from park_dashboard.application.views import PolicyView

__all__ = ["in_force", "policy_views"]


def _revoked(doc: Doc, today: date) -> bool:
    return bool(doc.get("revoked_on")) and date.fromisoformat(doc["revoked_on"]) <= today


def _started(doc: Doc, today: date) -> bool:
    return bool(doc.get("effective_from")) and date.fromisoformat(doc["effective_from"]) <= today


def _day(doc: Doc, key: str) -> date | None:
    return date.fromisoformat(doc[key]) if doc.get(key) else None


def in_force(docs: Iterable[Doc], today: date) -> dict[str, Doc]:
    """Per policy id, the latest version in effect on `today` (park_shared.validity: from its
    effective date, until its successor's, unless revoked)."""
    current: dict[str, Doc] = {}
    for doc in docs:
        period = (_day(doc, "effective_from"), _day(doc, "effective_until"), _day(doc, "revoked_on"))
        if not doc.get("kind") or not in_effect(today, *period):
            continue
        best = current.get(doc["policy_id"])
        if best is None or doc["version"] > best["version"]:
            current[doc["policy_id"]] = doc
    return current


def _status(doc: Doc, today: date, current: dict[str, Doc]) -> str:
    if _revoked(doc, today):
        return "revoked"
    if not _started(doc, today):
        return "scheduled"
    chosen = current.get(doc["policy_id"])
    return "in_force" if chosen is not None and chosen["version"] == doc["version"] else "superseded"


def policy_views(docs: list[Doc], today: date) -> list[PolicyView]:
    """Every published version with its status today, newest first within a policy."""
    current = in_force(docs, today)
    published = [d for d in docs if d.get("kind")]
    published.sort(key=lambda d: (d["policy_id"], -int(d["version"])))
    return [
        PolicyView(
            policy_id=d["policy_id"],
            version=d["version"],
            kind=d.get("kind"),
            title=d.get("title"),
            effective_from=d.get("effective_from"),
            status=_status(d, today, current),
            effective_until=d.get("effective_until"),
            revoked_on=d.get("revoked_on"),
        )
        for d in published
    ]
