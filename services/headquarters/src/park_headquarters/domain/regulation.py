"""Management regulations (分项治理办法), the zone's public law: drafted, published from a date,
amended by a new version that changes some articles, repealed. Headquarters' head decides.
A rule another unit applies cites an article of the version in force on its day."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.events import Event
from park_shared.validity import in_effect
from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "KNOWN_KINDS",
    "AmendRegulation",
    "Article",
    "Citation",
    "DraftRegulation",
    "PublishRegulation",
    "RegulationAmendmentDrafted",
    "RegulationCommand",
    "RegulationDrafted",
    "RegulationEvent",
    "RegulationPublished",
    "RegulationRepealed",
    "RegulationState",
    "RegulationVersion",
    "RepealRegulation",
    "cite",
    "decider",
]

KNOWN_KINDS = (
    "urban_planning_construction",  # 城市规划建设
    "construction_environmental_protection",  # 建设工程环境保护
    "investment_projects",  # 招商投资项目
    "foreign_enterprise_fees",  # 外商投资企业行政性收费
    "off_budget_funds",  # 预算外资金
)
"""The five the report names; a zone may add its own kinds (lower-case words joined by _)."""

KIND = re.compile(r"^[a-z][a-z0-9_]{2,63}$")
MAX_ARTICLE = 9999


class Article(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int = Field(ge=1, le=MAX_ARTICLE)
    text_zh: str = Field(min_length=1)
    text_en: str = Field(min_length=1)


def _numbered(articles: Sequence[Article], field: str) -> tuple[Article, ...]:
    numbers = [a.number for a in articles]
    if len(set(numbers)) != len(numbers):
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        raise Invalid(f"article numbers appear twice: {twice}", field=field)
    return tuple(sorted(articles, key=lambda a: a.number))


# -- commands ------------------------------------------------------------------------------
class DraftRegulation(Command):
    regulation_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")
    kind: str
    title_zh: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    articles: tuple[Article, ...] = Field(min_length=1)
    drafted_on: date

    @field_validator("kind")
    @classmethod
    def _kind(cls, kind: str) -> str:
        if not KIND.match(kind):
            raise ValueError("a kind is lower-case words joined by _ (3 to 64 characters)")
        return kind


class AmendRegulation(Command):
    """A new draft version: `articles` replace or add those numbers, `removed` are dropped."""

    regulation_id: str
    articles: tuple[Article, ...] = ()
    removed: tuple[int, ...] = ()
    title_zh: str | None = None
    title_en: str | None = None
    drafted_on: date


class PublishRegulation(Command):
    regulation_id: str
    version: int
    effective_from: date
    today: date
    """Law is not made for the past: `effective_from` is today or later."""
    published_at: datetime


class RepealRegulation(Command):
    regulation_id: str
    repealed_on: date
    today: date
    """Nor repealed for the past: `repealed_on` is today or later."""
    reason: str = Field(min_length=1)


RegulationCommand = DraftRegulation | AmendRegulation | PublishRegulation | RepealRegulation


# -- events --------------------------------------------------------------------------------
class RegulationText(BaseModel):
    """The whole text of one version, as both its draft and its publication carry it (a part
    of those events, not an event)."""

    regulation_id: str
    version: int
    kind: str
    title_zh: str
    title_en: str
    articles: tuple[Article, ...]


class RegulationDrafted(RegulationText, Event):
    drafted_on: date


class RegulationAmendmentDrafted(Event):
    regulation_id: str
    version: int
    title_zh: str
    title_en: str
    articles: tuple[Article, ...]
    """The whole text of the new version, every article."""
    changed: tuple[int, ...]
    removed: tuple[int, ...]
    drafted_on: date


class RegulationPublished(RegulationText, Event):
    effective_from: date
    published_at: datetime
    superseded_version: int | None = None


class RegulationRepealed(Event):
    regulation_id: str
    repealed_on: date
    reason: str


RegulationEvent = RegulationDrafted | RegulationAmendmentDrafted | RegulationPublished | RegulationRepealed


# -- state ---------------------------------------------------------------------------------
class RegulationVersion(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int
    title_zh: str
    title_en: str
    articles: tuple[Article, ...]
    drafted_on: date
    effective_from: date | None = None
    effective_until: date | None = None
    """Exclusive: the next published version's effective_from."""

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)


class RegulationState(BaseModel):
    model_config = ConfigDict(frozen=True)

    regulation_id: str = ""
    kind: str = ""
    versions: tuple[RegulationVersion, ...] = ()
    repealed_on: date | None = None

    @property
    def exists(self) -> bool:
        return bool(self.versions)

    @property
    def draft(self) -> RegulationVersion | None:
        return next((v for v in self.versions if v.effective_from is None), None)

    @property
    def latest(self) -> RegulationVersion:
        return self.versions[-1]

    @property
    def last_published(self) -> RegulationVersion | None:
        published = [v for v in self.versions if v.effective_from is not None]
        return published[-1] if published else None

    def in_force_on(self, day: date) -> RegulationVersion | None:
        """The version in force on `day` (park_shared.validity: from inclusive, until exclusive,
        nothing from the day of repeal)."""
        return next(
            (
                v
                for v in self.versions
                if in_effect(day, v.effective_from, v.effective_until, self.repealed_on)
            ),
            None,
        )


# -- decide --------------------------------------------------------------------------------
def _draft(c: DraftRegulation, s: RegulationState) -> list[RegulationEvent]:
    if s.exists:
        raise Conflict(
            f"regulation {c.regulation_id} exists already: amend it", regulation_id=c.regulation_id
        )
    articles = _numbered(c.articles, "articles")
    return [
        RegulationDrafted(
            regulation_id=c.regulation_id,
            version=1,
            kind=c.kind,
            title_zh=c.title_zh,
            title_en=c.title_en,
            articles=articles,
            drafted_on=c.drafted_on,
        )
    ]


def _amend(c: AmendRegulation, s: RegulationState) -> list[RegulationEvent]:
    if s.repealed_on is not None:
        raise Conflict(
            f"regulation {s.regulation_id} was repealed on {s.repealed_on}: it cannot be amended",
            repealed_on=s.repealed_on.isoformat(),
        )
    if s.draft is not None:
        raise Conflict(
            f"version {s.draft.version} of {s.regulation_id} is still a draft: publish it first",
            version=s.draft.version,
        )
    if not c.articles and not c.removed and c.title_zh is None and c.title_en is None:
        raise Invalid("an amendment changes at least one article or a title", field="articles")
    base = s.latest
    text = {a.number: a for a in base.articles}
    unknown = sorted(n for n in c.removed if n not in text)
    if unknown:
        raise Invalid(f"there is no article {unknown[0]} to remove", field="removed")
    for number in c.removed:
        del text[number]
    for article in _numbered(c.articles, "articles"):
        if article.number in c.removed:
            raise Invalid(f"article {article.number} is both changed and removed", field="articles")
        text[article.number] = article
    if not text:
        raise Invalid("a regulation keeps at least one article", field="removed")
    return [
        RegulationAmendmentDrafted(
            regulation_id=s.regulation_id,
            version=base.version + 1,
            title_zh=c.title_zh or base.title_zh,
            title_en=c.title_en or base.title_en,
            articles=tuple(sorted(text.values(), key=lambda a: a.number)),
            changed=tuple(sorted(a.number for a in c.articles)),
            removed=tuple(sorted(c.removed)),
            drafted_on=c.drafted_on,
        )
    ]


def _publish(c: PublishRegulation, s: RegulationState) -> list[RegulationEvent]:
    if s.repealed_on is not None:
        raise Conflict(
            f"regulation {s.regulation_id} was repealed on {s.repealed_on}",
            repealed_on=s.repealed_on.isoformat(),
        )
    version = next((v for v in s.versions if v.version == c.version), None)
    if version is None:
        raise NotFound(f"regulation {s.regulation_id} has no version {c.version}", version=c.version)
    if version.effective_from is not None:
        raise Conflict(
            f"version {c.version} of {s.regulation_id} is published already, from {version.effective_from}",
            version=c.version,
        )
    if c.effective_from < c.today:
        raise Invalid(f"a regulation can't take effect in the past ({c.today})", field="effective_from")
    previous = s.last_published
    if previous is not None and previous.effective_from and c.effective_from <= previous.effective_from:
        raise Invalid(
            f"version {c.version} must take effect after version {previous.version} "
            f"(in force from {previous.effective_from})",
            field="effective_from",
        )
    return [
        RegulationPublished(
            regulation_id=s.regulation_id,
            version=c.version,
            kind=s.kind,
            title_zh=version.title_zh,
            title_en=version.title_en,
            articles=version.articles,
            effective_from=c.effective_from,
            published_at=c.published_at,
            superseded_version=previous.version if previous else None,
        )
    ]


def _repeal(c: RepealRegulation, s: RegulationState) -> list[RegulationEvent]:
    if s.repealed_on is not None:
        raise Conflict(
            f"regulation {s.regulation_id} was repealed on {s.repealed_on} already",
            repealed_on=s.repealed_on.isoformat(),
        )
    if s.last_published is None:
        raise Conflict(f"regulation {s.regulation_id} was never published: there is nothing to repeal")
    if c.repealed_on < c.today:
        raise Invalid(f"a regulation can't be repealed in the past ({c.today})", field="repealed_on")
    return [RegulationRepealed(regulation_id=s.regulation_id, repealed_on=c.repealed_on, reason=c.reason)]


def decide(command: RegulationCommand, state: RegulationState) -> Sequence[RegulationEvent]:
    match command:
        case DraftRegulation():
            return _draft(command, state)
        case AmendRegulation():
            return _amend(command, state)
        case PublishRegulation():
            return _publish(command, state)
        case RepealRegulation():
            return _repeal(command, state)


def _drafted(state: RegulationState, version: RegulationVersion) -> RegulationState:
    return state.model_copy(update={"versions": (*state.versions, version)})


def evolve(state: RegulationState, event: RegulationEvent) -> RegulationState:
    match event:
        case RegulationDrafted():
            first = RegulationVersion(
                version=1,
                title_zh=event.title_zh,
                title_en=event.title_en,
                articles=event.articles,
                drafted_on=event.drafted_on,
            )
            return RegulationState(regulation_id=event.regulation_id, kind=event.kind, versions=(first,))
        case RegulationAmendmentDrafted():
            return _drafted(
                state,
                RegulationVersion(
                    version=event.version,
                    title_zh=event.title_zh,
                    title_en=event.title_en,
                    articles=event.articles,
                    drafted_on=event.drafted_on,
                ),
            )
        case RegulationPublished():
            versions = tuple(
                v.model_copy(update={"effective_from": event.effective_from})
                if v.version == event.version
                else v.model_copy(update={"effective_until": event.effective_from})
                if v.version == event.superseded_version
                else v
                for v in state.versions
            )
            return state.model_copy(update={"versions": versions})
        case RegulationRepealed():
            return state.model_copy(update={"repealed_on": event.repealed_on})


decider: Decider[RegulationCommand, RegulationState, RegulationEvent] = Decider(
    initial_state=RegulationState(), decide=decide, evolve=evolve
)


# -- citations -----------------------------------------------------------------------------
class Citation(BaseModel):
    """A rule's legal basis: an article of a regulation, as in force on the rule's day."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    regulation_id: str
    article: int = Field(ge=1, le=MAX_ARTICLE)
    version: int | None = None
    """Filled by `cite`: the version whose article was cited."""


def cite(state: RegulationState, article: int, on: date, *, kind: str | None = None, field: str) -> Citation:
    """The citation of `article` of the version in force on `on`; 422 on `field` when the
    regulation is not in force then, is of another kind, or has no such article."""
    if not state.exists:
        raise Invalid(f"there is no regulation {state.regulation_id!r}", field=field)
    if kind is not None and state.kind != kind:
        raise Invalid(
            f"regulation {state.regulation_id} is a {state.kind} regulation, not {kind}", field=field
        )
    version = state.in_force_on(on)
    if version is None:
        raise Invalid(f"regulation {state.regulation_id} is not in force on {on}", field=field)
    if version.article(article) is None:
        raise Invalid(
            f"regulation {state.regulation_id} (version {version.version}) has no article {article}",
            field=field,
        )
    return Citation(regulation_id=state.regulation_id, article=article, version=version.version)
