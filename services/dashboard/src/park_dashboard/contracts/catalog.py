"""Who produces and who reads which event type, from the services' own registries.

By convention each service registers its events in `park_<svc>.events.registry`, from modules
anywhere in its package; importing `park_<svc>.bootstrap` and then every module of the package
registers them all (modules do nothing else at import time)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass, field

from park_shared.events import EventRegistry
from pydantic import BaseModel

__all__ = ["PACKAGES", "Catalog", "load_catalog", "load_registry"]

PACKAGES: dict[str, str] = {
    "headquarters": "park_headquarters",
    "service-center": "park_service_center",
    "industrial-co": "park_industrial_co",
    "investment": "park_investment",
}


def load_registry(package: str) -> EventRegistry:
    """The package's registry with every event registered (all its modules imported)."""
    root = importlib.import_module(package)
    importlib.import_module(f"{package}.bootstrap")
    for module in pkgutil.walk_packages(root.__path__, f"{package}."):
        if not module.name.endswith(".__main__"):
            importlib.import_module(module.name)
    registry: EventRegistry = importlib.import_module(f"{package}.events").registry
    return registry


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
    for service, package in PACKAGES.items():
        try:
            registries[service] = load_registry(package)
        except ImportError as missing:
            unavailable[service] = f"{type(missing).__name__}: {missing}"
    readers: tuple[str, ...] = ()
    if include_dashboard:
        from park_dashboard.domain import observed, readings  # noqa: F401 - registers them
        from park_dashboard.events import SERVICE, registry

        readings.load()
        registries[SERVICE] = registry
        readers = (SERVICE,)
    catalog = Catalog.of(registries, whole_topic_readers=readers, unavailable=unavailable)
    catalog.produced.pop("dashboard", None)  # its observations stay in its own store
    return catalog
