"""Versions another service publishes (headquarters' policies, its fee schedules), as a service
records them in its own store: a version's publication, its supersession and its revocation are
each recorded once, however often the producer's events arrive, and a version is in force by the
one rule of park_shared.validity. Each service declares its own commands and events (its own
type names) and its own version model on `RecordedVersion`, adding what it keeps of the content;
`RecordedVersions` is the decider's rule and the fold its read model uses too."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from park_shared.decider import Decider
from park_shared.validity import in_effect

__all__ = ["RecordedVersion", "RecordedVersions", "Versions"]


class RecordedVersion(BaseModel):
    """One version as recorded here; `effective_from` is None until its publication is."""

    model_config = ConfigDict(frozen=True)

    policy_id: str = ""
    version: int = 0
    effective_from: date | None = None
    published_at: str = ""
    effective_until: date | None = None
    revoked_on: date | None = None

    def in_force_on(self, day: date) -> bool:
        return in_effect(day, self.effective_from, self.effective_until, self.revoked_on)


class _Version(Protocol):
    """What every command and event of a version names (a pydantic model)."""

    @property
    def policy_id(self) -> str: ...
    @property
    def version(self) -> int: ...
    def model_dump(self) -> dict[str, object]: ...


class _Supersession(_Version, Protocol):
    @property
    def effective_until(self) -> date: ...


class _Revocation(_Version, Protocol):
    @property
    def revoked_on(self) -> date: ...


V = TypeVar("V", bound=RecordedVersion)
Publish = TypeVar("Publish", bound=_Version)
Published = TypeVar("Published", bound=_Version)
Supersede = TypeVar("Supersede", bound=_Supersession)
Superseded = TypeVar("Superseded", bound=_Supersession)
Revoke = TypeVar("Revoke", bound=_Revocation)
Revoked = TypeVar("Revoked", bound=_Revocation)


@dataclass(frozen=True)
class Versions(Generic[V]):
    """The state: the versions of one policy recorded so far, by number."""

    versions: Mapping[int, V] = field(default_factory=dict)


def _no_check(_: object) -> None:
    return None


@dataclass(frozen=True)
class RecordedVersions(Generic[V, Publish, Published, Supersede, Superseded, Revoke, Revoked]):
    """`publish` becomes `published`, `supersede` `superseded`, `revoke` `revoked`, each event
    with its command's fields, each once per version. `early`: a supersession or revocation of
    a version whose publication is not recorded (yet) is recorded too; without it, ignored.
    `check` refuses a publication (raising) before it is recorded."""

    version: type[V]
    publish: type[Publish]
    published: type[Published]
    supersede: type[Supersede]
    superseded: type[Superseded]
    revoke: type[Revoke]
    revoked: type[Revoked]
    early: bool
    check: Callable[[Publish], None] = _no_check

    def decide(
        self, command: Publish | Supersede | Revoke, state: Versions[V]
    ) -> Sequence[Published | Superseded | Revoked]:
        known = state.versions.get(command.version)
        if isinstance(command, self.publish):
            if known is not None and known.effective_from is not None:
                return []
            self.check(command)
            return [self.published(**command.model_dump())]
        if known is None and not self.early:
            return []
        if isinstance(command, self.supersede):
            if known is not None and known.effective_until is not None:
                return []
            return [self.superseded(**command.model_dump())]
        assert isinstance(command, self.revoke)
        if known is not None and known.revoked_on is not None:
            return []
        return [self.revoked(**command.model_dump())]

    def apply(self, known: V, event: Published | Superseded | Revoked) -> V:
        """One version after `event` (`known` blank, `version()`, if it is the first)."""
        if isinstance(event, self.published):
            return self.version.model_validate({**known.model_dump(), **event.model_dump()})
        names = {"policy_id": event.policy_id, "version": event.version}
        if isinstance(event, self.superseded):
            return known.model_copy(update={**names, "effective_until": event.effective_until})
        assert isinstance(event, self.revoked)
        return known.model_copy(update={**names, "revoked_on": event.revoked_on})

    def evolve(self, state: Versions[V], event: Published | Superseded | Revoked) -> Versions[V]:
        known = state.versions.get(event.version) or self.version()
        return Versions({**state.versions, event.version: self.apply(known, event)})

    def decider(self) -> Decider[Publish | Supersede | Revoke, Versions[V], Published | Superseded | Revoked]:
        return Decider(Versions(), self.decide, self.evolve)
