"""The local record of HQ's management regulations (stream `regulation-<regulation_id>`): HQ's
RegulationPublished and RegulationRepealed recorded as our own events (each version's kind,
effective date and article numbers; the text stays HQ's), so that a refusal can cite an article
of the regulation in force on its day from this service's store alone.

An environmental-assessment step's refusal cites the environmental regulation's article
(issue #19): `cite` checks a citation against the record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Invalid
from park_shared.events import Event
from park_shared.validity import in_effect
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ENVIRONMENTAL_KIND",
    "ENVIRONMENTAL_STEP",
    "Citation",
    "RecordRegulationPublished",
    "RecordRegulationRepealed",
    "RecordedRegulationVersion",
    "RegulationCommand",
    "RegulationEvent",
    "RegulationRecord",
    "RegulationRepealRecorded",
    "RegulationVersionRecorded",
    "cite",
    "regulation_decider",
]

ENVIRONMENTAL_STEP = "environmental_assessment"
"""The catalogue's step whose refusal cites the environmental regulation (环评)."""
ENVIRONMENTAL_KIND = "construction_environmental_protection"
"""HQ's regulation kind for the environmental protection of construction projects (建设工程环境保护)."""


class Citation(BaseModel):
    """A refusal's legal basis: an article of a regulation, as in force on the refusal's day."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    regulation_id: str = Field(min_length=1, max_length=64)
    article: int = Field(ge=1, le=9999)
    version: int | None = None
    """Filled by `cite`: the version in force whose article was cited."""


class RegulationVersion(BaseModel):
    """A regulation's version as headquarters published it: what recording it gives and what
    its event records."""

    regulation_id: str
    version: int
    kind: str
    effective_from: date
    articles: tuple[int, ...]


class RecordRegulationPublished(RegulationVersion, Command):
    version: int = Field(ge=1)


class RecordRegulationRepealed(Command):
    regulation_id: str
    repealed_on: date


RegulationCommand = RecordRegulationPublished | RecordRegulationRepealed


class RegulationVersionRecorded(RegulationVersion, Event):
    pass


class RegulationRepealRecorded(Event):
    regulation_id: str
    repealed_on: date


RegulationEvent = RegulationVersionRecorded | RegulationRepealRecorded


class RecordedRegulationVersion(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int
    effective_from: date
    articles: tuple[int, ...]


class RegulationRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    regulation_id: str = ""
    kind: str = ""
    versions: dict[int, RecordedRegulationVersion] = Field(default_factory=dict)
    repealed_on: date | None = None

    def in_force_on(self, day: date) -> RecordedRegulationVersion | None:
        """The version in force on `day`: from its effective date until the next version's,
        nothing from the day of repeal (park_shared.validity, as HQ decides it)."""
        ordered = sorted(self.versions.values(), key=lambda v: v.effective_from)
        for i, v in enumerate(ordered):
            until = ordered[i + 1].effective_from if i + 1 < len(ordered) else None
            if in_effect(day, v.effective_from, until, self.repealed_on):
                return v
        return None


def decide(command: RegulationCommand, state: RegulationRecord) -> Sequence[RegulationEvent]:
    """Recording what HQ published: a redelivered event records nothing new."""
    if isinstance(command, RecordRegulationPublished):
        if command.version in state.versions:
            return []
        return [RegulationVersionRecorded(**command.model_dump())]
    if state.repealed_on is not None:
        return []
    return [RegulationRepealRecorded(**command.model_dump())]


def evolve(state: RegulationRecord, event: RegulationEvent) -> RegulationRecord:
    if isinstance(event, RegulationVersionRecorded):
        version = RecordedRegulationVersion(
            version=event.version, effective_from=event.effective_from, articles=event.articles
        )
        return RegulationRecord(
            regulation_id=event.regulation_id,
            kind=event.kind,
            versions={**state.versions, event.version: version},
            repealed_on=state.repealed_on,
        )
    return state.model_copy(update={"regulation_id": event.regulation_id, "repealed_on": event.repealed_on})


regulation_decider: Decider[RegulationCommand, RegulationRecord, RegulationEvent] = Decider(
    RegulationRecord(), decide, evolve
)


def cite(record: RegulationRecord | None, citation: Citation, on: date, *, kind: str | None) -> Citation:
    """The citation with the version in force on `on` whose article it names; 422 on
    `citation` when the regulation is unknown here, of another kind or not in force that day,
    on `citation.article` when that version has no such article."""
    rid = citation.regulation_id
    if record is None or not record.versions:
        raise Invalid(f"there is no regulation {rid!r} published by headquarters", field="citation")
    if kind is not None and record.kind != kind:
        raise Invalid(f"regulation {rid} is a {record.kind} regulation, not {kind}", field="citation")
    version = record.in_force_on(on)
    if version is None:
        repealed = record.repealed_on is not None and record.repealed_on <= on
        why = f"repealed on {record.repealed_on}" if repealed else "not yet in force"
        raise Invalid(f"regulation {rid} is not in force on {on}: {why}", field="citation")
    if citation.article not in version.articles:
        raise Invalid(
            f"regulation {rid} (version {version.version}, in force on {on}) "
            f"has no article {citation.article}",
            field="citation.article",
        )
    return citation.model_copy(update={"version": version.version})
