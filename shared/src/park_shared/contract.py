"""A service's event contract as one value: the events it publishes, the events it keeps in its
own store, and its readings of other services' events. Its bootstrap builds the registry from
it; the contract gate reads the same value. Nothing is registered by importing a module."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import get_args

from pydantic import BaseModel

from park_shared.events import EventRegistry, type_name

__all__ = ["Contract", "Reading", "events_of", "reads_from"]


@dataclass(frozen=True, slots=True)
class Reading:
    """How we read one event of another service: its producer, its published name (the
    model's class name unless given) and version, and the model with the fields we use."""

    service: str
    model: type[BaseModel]
    name: str | None = None
    version: int = 1

    @property
    def type(self) -> str:
        return type_name(self.service, self.name or self.model.__name__, self.version)


@dataclass(frozen=True)
class Contract:
    service: str
    publishes: Sequence[type[BaseModel]]
    """The integration events: they leave the service on its topic (docs/events.md)."""
    keeps: Sequence[type[BaseModel]] = ()
    """Our own events that stay in our store."""
    reads: Sequence[Reading] = ()
    versions: Mapping[type[BaseModel], int] = field(default_factory=dict)
    """Our own events at a version above 1."""

    @classmethod
    def of(
        cls,
        service: str,
        *,
        publishes: Sequence[type[BaseModel]],
        events: Sequence[object],
        reads: Sequence[Reading] = (),
    ) -> Contract:
        """The contract of a service whose own events are `events` (unions, e.g. its deciders'
        event types, or single models): those in `publishes` leave the service, the others it
        keeps."""
        return cls(service, publishes=publishes, keeps=events_of(*events, without=publishes), reads=reads)

    def published_types(self) -> frozenset[str]:
        """The type names of the integration events."""
        return frozenset(self._type_of(model) for model in self.publishes)

    def _type_of(self, model: type[BaseModel]) -> str:
        return type_name(self.service, model.__name__, self.versions.get(model, 1))

    def registry(self) -> EventRegistry:
        """A new registry that knows exactly this contract's events."""
        registry = EventRegistry(self.service)
        for model in (*self.publishes, *self.keeps):
            registry.add(self._type_of(model), model)
        for reading in self.reads:
            registry.add(reading.type, reading.model)
        registry.declare_public(*self.publishes)
        return registry


def events_of(*kinds: object, without: Collection[type[BaseModel]] = ()) -> list[type[BaseModel]]:
    """The event models of unions (`A | B`, e.g. a decider's event type) and of single models,
    in order, each once, but those `without` (`keeps=events_of(..., without=PUBLISHES)`)."""
    found: list[type[BaseModel]] = []
    for kind in kinds:
        for model in get_args(kind) or (kind,):
            if not (isinstance(model, type) and issubclass(model, BaseModel)):
                raise TypeError(f"{model!r} is not an event model")
            if model not in found and model not in without:
                found.append(model)
    return found


def reads_from(service: str, *models: type[BaseModel]) -> tuple[Reading, ...]:
    """Our readings of several of one service's events, each published under its model's name."""
    return tuple(Reading(service, model) for model in models)
