"""The public transparency page (政务公开), rendered on the server: readable without JavaScript."""

from __future__ import annotations

from html import escape
from typing import Any

from park_dashboard.application.views import (
    CalendarYearView,
    CitedRefusal,
    OnTime,
    PolicyView,
    Promise,
    PublicView,
    RegulationView,
)
from park_dashboard.domain.bilingual import pick
from park_dashboard.pages.labels import Lang, label

__all__ = ["render_public"]


def _table(headers: list[str], rows: list[list[str]], empty: str, numeric: set[int] | None = None) -> str:
    if not rows:
        return f'<div class="empty">{escape(empty)}</div>'
    numeric = numeric or set()

    def cell(tag: str, i: int, value: str) -> str:
        return f'<{tag} class="num">{value}</{tag}>' if i in numeric else f"<{tag}>{value}</{tag}>"

    head = "".join(cell("th", i, escape(h)) for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _policy_row(p: PolicyView, lang: Lang) -> list[str]:
    tone = {"in_force": "ok", "revoked": "bad", "scheduled": "warn"}.get(p.status, "")
    return [
        f'<span class="badge">{escape(label(p.kind, lang))}</span>',
        escape(pick(p.title, lang) or p.policy_id),
        f"v{p.version}",
        escape(p.effective_from or ""),
        f'<span class="badge {tone}" data-status="{p.status}">{escape(label(p.status, lang))}</span>',
    ]


def _regulation_row(r: RegulationView, lang: Lang) -> list[str]:
    """Each regulation links HQ's public text of the version in force; the count its first article."""
    title = r.title_zh if lang == "zh" else r.title_en
    link = escape(r.link, quote=True)
    first = r.article_numbers[0] if r.article_numbers else 1
    return [
        f'<span class="badge">{escape(label(r.kind, lang))}</span>',
        f'<a class="link" href="{link}" data-regulation="{escape(r.regulation_id)}">{escape(title)}</a>',
        f"v{r.version}",
        escape(r.effective_from),
        f'<a class="link" href="{link}#article-{first}">{r.articles}</a>',
    ]


def _regulations(view: PublicView, lang: Lang) -> str:
    headers = [label(k, lang) for k in ("kind", "regulation", "version", "effective_from", "articles")]
    rows = [_regulation_row(r, lang) for r in view.regulations]
    form = (
        f'<form class="on" method="get" action="/public"><input type="hidden" name="lang" value="{lang}">'
        f"<label>{escape(label('regulations_on', lang))} "
        f'<input type="date" name="on" value="{escape(view.regulations_on)}"></label> '
        f'<button type="submit">{escape(label("show", lang))}</button></form>'
    )
    table = _table(headers, rows, label("none", lang), numeric={4})
    return f'{form}<div id="regulations-in-force" data-on="{escape(view.regulations_on)}">{table}</div>'


def _refusal_row(r: CitedRefusal, lang: Lang) -> list[str]:
    title = (r.title_zh if lang == "zh" else r.title_en) or r.regulation_id
    article = label("article_n", lang).replace("{n}", str(r.article))
    link = escape(r.link, quote=True)
    return [
        escape(pick(r.enterprise_name, lang) or r.case_id),
        escape(pick(r.step_name, lang) or label(r.step_code, lang)),
        escape(r.refused_on or ""),
        f'<a class="link" href="{link}" data-article="{r.article}">{escape(title)} · {escape(article)}</a>',
    ]


def _refusals(view: PublicView, lang: Lang) -> str:
    headers = [label(k, lang) for k in ("enterprise", "step", "refused_on", "article")]
    rows = [_refusal_row(r, lang) for r in view.refusals]
    return f'<div id="cited-refusals">{_table(headers, rows, label("none", lang))}</div>'


def _step_row(step: dict[str, Any], lang: Lang) -> list[str]:
    documents = [pick(str(d), lang) for d in step.get("required_documents") or []]
    return [
        escape(pick(str(step.get("name") or ""), lang) or str(step.get("code"))),
        escape(pick(str(step.get("legal_basis") or ""), lang)),
        escape("、".join(map(str, documents)) if lang == "zh" else ", ".join(map(str, documents))),
        escape(str(step.get("working_days", ""))),
        escape(str(step.get("green_channel_working_days", ""))),
        escape(label(str(step.get("decided_by") or ""), lang)),
    ]


def _rate_row(row: OnTime, lang: Lang) -> list[str]:
    rate = "—" if row.rate is None else f"{round(row.rate * 100)}%"
    width = 0 if row.rate is None else round(row.rate * 100)
    bar = f'<div class="track"><i class="fill" style="width:{width}%"></i></div>'
    name = escape(pick(row.step_name, lang) or row.step_code)
    return [name, str(row.decided), str(row.on_time), str(row.overdue_open), f"<b>{rate}</b>{bar}"]


def _days(days: list[str], lang: Lang) -> str:
    return escape(("、" if lang == "zh" else ", ").join(d[5:] for d in days)) or "—"


def _calendar_row(year: CalendarYearView, lang: Lang) -> list[str]:
    if year.provisional:
        mark = f'<span class="badge warn" data-provisional="true">{escape(label("provisional", lang))}</span>'
        return [str(year.year), mark, ""]
    return [str(year.year), _days(year.holidays, lang), _days(year.makeup_workdays, lang)]


def _calendar(view: PublicView, lang: Lang) -> str:
    headers = [label(k, lang) for k in ("year", "holidays", "makeup_workdays")]
    return _table(headers, [_calendar_row(y, lang) for y in view.calendar], label("none", lang))


def _promise_row(p: Promise, lang: Lang) -> list[str]:
    flag = escape(label("provisional_mark", lang))
    mark = f' <span class="badge warn" data-provisional="true">{flag}</span>'
    mark = mark if p.deadline_provisional else ""
    return [
        escape(pick(p.enterprise_name, lang) or p.case_id),
        escape(pick(p.step_name, lang) or p.step_code),
        f'<span data-deadline="{escape(p.deadline)}">{escape(p.deadline)}</span>{mark}',
        str(p.working_days_left),
    ]


def _promises(view: PublicView, lang: Lang) -> str:
    headers = [label(k, lang) for k in ("enterprise", "step", "deadline", "days_left")]
    return _table(headers, [_promise_row(p, lang) for p in view.promises], label("none", lang), numeric={3})


def _policies(view: PublicView, lang: Lang) -> str:
    headers = [label(k, lang) for k in ("kind", "policy", "version", "effective_from", "status")]
    return _table(headers, [_policy_row(p, lang) for p in view.policies], label("none", lang))


def _catalogue(view: PublicView, lang: Lang) -> str:
    headers = [label(k, lang) for k in ("step", "legal_basis", "documents", "limit", "green", "decided_by")]
    rows = [_step_row(s, lang) for s in view.catalogue]
    return _table(headers, rows, label("none", lang), numeric={3, 4})


def _performance(view: PublicView, lang: Lang) -> str:
    headers = [label(k, lang) for k in ("step", "decided", "on_time", "overdue_open", "rate")]
    return _table(headers, [_rate_row(r, lang) for r in view.on_time], label("none", lang), numeric={1, 2, 3})


def _listings(view: PublicView, lang: Lang) -> str:
    """Investment's online platform (网上招商): what /public/listings at investment offers."""

    def park(park_id: object) -> str:
        return escape(pick(view.parks.get(str(park_id)), lang) or str(park_id))

    parcel_headers = [label(k, lang) for k in ("parcel", "park", "planned_use", "area_m2")]
    parcels = [
        [escape(str(p["parcel_id"])), park(p.get("park_id")), escape(label(str(p.get("planned_use")), lang)),
         f"{int(p.get('area_m2') or 0):,}"]
        for p in view.parcels_on_offer
    ]  # fmt: skip
    headers = [
        label(k, lang) for k in ("opportunity", "park", "industry", "summary", "parcels", "published_on")
    ]
    opportunities = [
        [escape(pick(o["title"], lang)), park(o["park_id"]), escape(pick(o["industry"], lang)),
         escape(pick(o["summary"], lang)), escape(", ".join(o["parcel_ids"])), escape(str(o["published_on"]))]
        for o in view.opportunities
    ]  # fmt: skip
    none = label("none", lang)
    return (
        f'<h3>{escape(label("parcels_on_offer", lang))}</h3><div id="parcels-on-offer">'
        f"{_table(parcel_headers, parcels, none, numeric={3})}</div>"
        f'<h3>{escape(label("opportunities", lang))}</h3><div id="opportunities">'
        f"{_table(headers, opportunities, none)}</div>"
    )


def _sections(view: PublicView, lang: Lang) -> str:
    def t(key: str) -> str:
        return escape(label(key, lang))

    source = view.catalogue_policy
    per = (
        f' <span class="sub">{t("catalogue_from")} {escape(pick(source.title, lang))}'
        f" v{source.version}</span>"
        if source
        else ""
    )
    parts = [
        ("regulations", t("regulations"), _regulations(view, lang)),
        ("policies", t("policies"), _policies(view, lang)),
        ("catalogue", t("catalogue") + per, _catalogue(view, lang)),
        ("performance", t("performance"), _performance(view, lang)),
        ("promises", t("promises"), _promises(view, lang)),
        ("refusals", t("refusals"), _refusals(view, lang)),
        ("calendar", t("calendar"), _calendar(view, lang)),
        ("listings", t("listings"), _listings(view, lang)),
    ]
    return "".join(
        f'<section class="panel" id="{key}"><h2>{title}</h2>{body}</section>' for key, title, body in parts
    )


def render_public(view: PublicView, lang: Lang) -> str:
    other: Lang = "en" if lang == "zh" else "zh"
    switch = "English" if lang == "zh" else "中文"
    parks = " · ".join(escape(pick(name, lang)) for name in view.parks.values())
    return f"""<!doctype html>
<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(label("title", lang))}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/style.css">
</head><body class="public">
<header class="bar"><div class="brand"><div><h1>{escape(label("title", lang))}</h1>
<p class="sub">{parks} · {escape(label("as_of", lang))} {escape(view.today)}</p></div></div>
<div class="meta"><a class="link" href="/?lang={lang}">{escape(label("dashboard", lang))}</a>
<a class="link" id="lang-switch" href="/public?lang={other}">{switch}</a></div></header>
<main><p class="intro">{escape(label("intro", lang))}</p>{_sections(view, lang)}</main>
</body></html>"""
