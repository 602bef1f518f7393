"""The management regulations (分项治理办法) in force on a day, as HQ published them: the
version then in force (from its effective date until the next version's, nothing from the day
of repeal), each linking HQ's public text of it."""

from __future__ import annotations

from datetime import date

from park_shared.projections.port import Doc, ReadModelStore

from park_dashboard.application.views import RegulationView
from park_dashboard.projections.law import REGULATIONS

__all__ = ["in_force_version", "regulations_in_force"]


def in_force_version(doc: Doc, on: date) -> Doc | None:
    """The version of the regulation in force on `on`, or None (not yet, or repealed by then)."""
    repealed = doc.get("repealed_on")
    if repealed and date.fromisoformat(repealed) <= on:
        return None
    started = [v for v in doc["versions"].values() if date.fromisoformat(v["effective_from"]) <= on]
    return max(started, key=lambda v: (v["effective_from"], v["version"]), default=None)


def _view(doc: Doc, version: Doc, on: date, base_url: str) -> RegulationView:
    link = f"{base_url.rstrip('/')}/public/regulations/{doc['regulation_id']}?on={on.isoformat()}"
    return RegulationView(
        regulation_id=doc["regulation_id"],
        kind=str(doc.get("kind") or ""),
        version=version["version"],
        title_zh=version["title_zh"],
        title_en=version["title_en"],
        effective_from=version["effective_from"],
        articles=len(version["articles"]),
        article_numbers=list(version["articles"]),
        link=link,
    )


async def regulations_in_force(models: ReadModelStore, on: date, base_url: str = "") -> list[RegulationView]:
    """Every regulation with a version in force on `on`, by kind then id."""
    views = []
    for doc in await models.find(REGULATIONS):
        version = in_force_version(doc, on)
        if version is not None:
            views.append(_view(doc, version, on, base_url))
    return sorted(views, key=lambda v: (v.kind, v.regulation_id))
