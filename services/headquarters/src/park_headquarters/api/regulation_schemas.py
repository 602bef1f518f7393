"""Regulation request and response schemas: drafts and versions for HQ, the text in force for all."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from park_shared.web.dates import Day
from pydantic import BaseModel, Field

from park_headquarters.api.bodies import Body
from park_headquarters.domain.regulation import KIND, MAX_ARTICLE, Article, RegulationState, RegulationVersion

__all__ = [
    "ArticleView",
    "RegulationAmend",
    "RegulationCreate",
    "RegulationInForce",
    "RegulationPublic",
    "RegulationPublish",
    "RegulationRepeal",
    "RegulationVersionView",
    "in_force_view",
]


class RegulationCreate(Body):
    regulation_id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]{1,63}$",
        description="lower-case letters, digits and -, e.g. fee-regulation",
    )
    kind: str = Field(
        pattern=KIND.pattern,
        description="urban_planning_construction, construction_environmental_protection, "
        "investment_projects, foreign_enterprise_fees, off_budget_funds, or the zone's own",
    )
    title_zh: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    articles: list[Article] = Field(min_length=1)


class RegulationAmend(Body):
    """The next version: `articles` replace or add those numbers, `removed` are dropped."""

    articles: list[Article] = Field(default_factory=list)
    removed: list[Annotated[int, Field(ge=1, le=MAX_ARTICLE)]] = Field(default_factory=list)
    title_zh: str | None = Field(None, min_length=1)
    title_en: str | None = Field(None, min_length=1)


class RegulationPublish(Body):
    effective_from: Day


class RegulationRepeal(Body):
    reason: str = Field(min_length=1)
    repealed_on: Day | None = Field(None, description="today if absent")


class ArticleView(BaseModel):
    number: int
    text_zh: str
    text_en: str
    anchor: str = Field(description="the article's link on the public pages")


class RegulationVersionView(BaseModel):
    version: int
    title_zh: str
    title_en: str
    articles: list[Article]
    drafted_on: date
    effective_from: date | None
    effective_until: date | None
    status: str = Field(description="drafted, published (in force or to be) or superseded")


class RegulationInForce(BaseModel):
    """The version of a regulation in force on a date, with its articles' public links."""

    regulation_id: str
    kind: str
    on: date
    version: int
    title_zh: str
    title_en: str
    effective_from: date
    effective_until: date | None
    articles: list[ArticleView]


class RegulationPublic(BaseModel):
    regulation_id: str
    kind: str
    title_zh: str
    title_en: str
    versions: list[RegulationVersionView]
    repealed_on: date | None
    in_force: RegulationInForce | None = Field(description="the version in force on the day asked about")


def _status(v: RegulationVersion) -> str:
    if v.effective_from is None:
        return "drafted"
    return "superseded" if v.effective_until is not None else "published"


def in_force_view(state: RegulationState, on: date) -> RegulationInForce | None:
    v = state.in_force_on(on)
    if v is None or v.effective_from is None:
        return None
    link = f"/public/regulations/{state.regulation_id}?on={on.isoformat()}#article-"
    return RegulationInForce(
        regulation_id=state.regulation_id,
        kind=state.kind,
        on=on,
        version=v.version,
        title_zh=v.title_zh,
        title_en=v.title_en,
        effective_from=v.effective_from,
        effective_until=v.effective_until,
        articles=[ArticleView(**a.model_dump(), anchor=f"{link}{a.number}") for a in v.articles],
    )


def regulation_view(state: RegulationState, on: date) -> RegulationPublic:
    latest = state.latest
    return RegulationPublic(
        regulation_id=state.regulation_id,
        kind=state.kind,
        title_zh=latest.title_zh,
        title_en=latest.title_en,
        versions=[RegulationVersionView(**v.model_dump(), status=_status(v)) for v in state.versions],
        repealed_on=state.repealed_on,
        in_force=in_force_view(state, on),
    )
