"""A service's event contract as one value: the events it publishes, the events it keeps in its
own store, and its readings of other services' events. Its bootstrap builds the registry from
it; the contract gate reads the same value. Nothing is registered by importing a module."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from park_shared.events import EventRegistry, type_name

__all__ = ["Contract", "Reading"]


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

    def registry(self) -> EventRegistry:
        """A new registry that knows exactly this contract's events."""
        registry = EventRegistry(self.service)
        for model in (*self.publishes, *self.keeps):
            registry.add(type_name(self.service, model.__name__, self.versions.get(model, 1)), model)
        for reading in self.reads:
            registry.add(reading.type, reading.model)
        registry.declare_public(*self.publishes)
        return registry
