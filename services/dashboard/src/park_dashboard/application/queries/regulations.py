"""The management regulations (分项治理办法) in force on a day, as HQ published them: the
version then in force (from its effective date until the next version's, nothing from the day
of repeal), each linking HQ's public text of it."""

from __future__ import annotations

from datetime import date

from park_shared.projections.port import Doc, ReadModelStore

from park_dashboard.application.views import CitedRefusal, RegulationView
from park_dashboard.projections.law import REGULATIONS
from park_dashboard.projections.service import CASES, STEPS

__all__ = ["cited_refusals", "in_force_version", "regulations_in_force"]


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


async def cited_refusals(
    models: ReadModelStore, step_names: dict[str, str], base_url: str = ""
) -> list[CitedRefusal]:
    """The refused steps that cite an article, each linking it as in force on the refusal's day
    (a step named as the catalogue in force names it)."""
    regulations = {d["regulation_id"]: d for d in await models.find(REGULATIONS)}
    names = {c["case_id"]: c.get("enterprise_name") for c in await models.find(CASES)}
    refusals = []
    for step in await models.find(STEPS):
        citation = step.get("citation")
        if step.get("outcome") != "rejected" or not citation:
            continue
        rid, article = str(citation["regulation_id"]), int(citation["article"])
        doc = regulations.get(rid) or {}
        version = (doc.get("versions") or {}).get(str(citation.get("version"))) or {}
        on = step.get("decided_on") or ""
        refusals.append(
            CitedRefusal(
                case_id=step["case_id"],
                enterprise_name=names.get(step["case_id"]),
                step_code=step["step_code"],
                step_name=step_names.get(step["step_code"]) or step.get("step_name"),
                refused_on=on or None,
                regulation_id=rid,
                article=article,
                version=citation.get("version"),
                title_zh=version.get("title_zh"),
                title_en=version.get("title_en"),
                link=f"{base_url.rstrip('/')}/public/regulations/{rid}?on={on}#article-{article}",
            )
        )
    return sorted(refusals, key=lambda r: (r.refused_on or "", r.case_id), reverse=True)
