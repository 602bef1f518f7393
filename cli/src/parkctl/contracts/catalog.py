"""Who produces and who reads which event type, from the services' own contracts: each
service's `park_<svc>.contract.contract()` (park_shared.contract.Contract) names the events it
publishes and its readings of the others'. Nothing is scanned, nothing registers on import."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from park_shared.contract import Contract
from park_shared.events import EventRegistry
from pydantic import BaseModel

__all__ = ["PACKAGES", "WHOLE_TOPIC_READERS", "Catalog", "load_catalog", "load_contract"]

PACKAGES: dict[str, str] = {
    "headquarters": "park_headquarters",
    "service-center": "park_service_center",
    "industrial-co": "park_industrial_co",
    "investment": "park_investment",
}
"""The producers: one topic each."""

WHOLE_TOPIC_READERS: dict[str, str] = {"dashboard": "park_dashboard"}
"""Consumers that read every message of the producers' topics, and publish nothing."""


def load_contract(package: str) -> Contract:
    """The service's contract, from `<package>.contract.contract()`."""
    contract: Contract = importlib.import_module(f"{package}.contract").contract()
    return contract


def _service_of(type_: str) -> str:
    return type_.split(".")[1]


@dataclass
class Catalog:
    produced: dict[str, dict[str, type[BaseModel]]] = field(default_factory=dict)
    """Per producing service, its event types and models."""
    readings: dict[str, dict[str, type[BaseModel]]] = field(default_factory=dict)
    """Per consuming service, the foreign types it reads and its reading models."""
    whole_topic_readers: tuple[str, ...] = ()
    """Consumers that read every message of the producers' topics (the dashboard)."""
    unavailable: dict[str, str] = field(default_factory=dict)
    """Services whose package could not be imported, and why."""

    @classmethod
    def of(
        cls,
        registries: Mapping[str, EventRegistry],
        *,
        whole_topic_readers: tuple[str, ...] = (),
        unavailable: Mapping[str, str] | None = None,
    ) -> Catalog:
        catalog = cls(whole_topic_readers=whole_topic_readers, unavailable=dict(unavailable or {}))
        for service, registry in registries.items():
            for type_, model in registry.types():
                own = _service_of(type_) == service
                if own and not registry.is_public(type_):
                    continue  # internal: stays in the service's store, never on its topic
                side = catalog.produced if own else catalog.readings
                side.setdefault(service, {})[type_] = model
        return catalog

    def consumers_of(self, type_: str) -> list[str]:
        readers = {s for s, types in self.readings.items() if type_ in types}
        return sorted(readers | set(self.whole_topic_readers))


def load_catalog(*, include_dashboard: bool = True) -> Catalog:
    """The catalog of the four services (those importable here) and the dashboard's readings."""
    registries: dict[str, EventRegistry] = {}
    unavailable: dict[str, str] = {}
    readers = WHOLE_TOPIC_READERS if include_dashboard else {}
    for service, package in {**PACKAGES, **readers}.items():
        try:
            registries[service] = load_contract(package).registry()
        except ImportError as missing:
            unavailable[service] = f"{type(missing).__name__}: {missing}"
    return Catalog.of(registries, whole_topic_readers=tuple(readers), unavailable=unavailable)
