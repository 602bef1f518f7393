"""The five services' apps, started in-process on the embedded backend, and the suite's tokens."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from park_dashboard.app import create_app as dashboard_app
from park_dashboard.settings import DashboardSettings
from park_headquarters.app import create_app as hq_app
from park_headquarters.settings import HeadquartersSettings
from park_industrial_co.app import create_app as ic_app
from park_industrial_co.settings import IndustrialCoSettings
from park_investment.app import create_app as inv_app
from park_investment.settings import InvestmentSettings
from park_service_center.app import create_app as sc_app
from park_service_center.settings import ServiceCenterSettings
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.testing.apps import running_app
from park_shared.testing.secure_kafka import SecureKafka, start_secure_kafka

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ServiceSpec:
    department: str
    create_app: Callable[..., FastAPI]
    settings: type[ParkSettings]


SERVICES: dict[str, ServiceSpec] = {
    "headquarters": ServiceSpec("hq", hq_app, HeadquartersSettings),
    "service-center": ServiceSpec("sc", sc_app, ServiceCenterSettings),
    "industrial-co": ServiceSpec("ic", ic_app, IndustrialCoSettings),
    "investment": ServiceSpec("inv", inv_app, InvestmentSettings),
    "dashboard": ServiceSpec("dash", dashboard_app, DashboardSettings),
}
DEPARTMENTS = tuple(spec.department for spec in SERVICES.values())


@cache
def every_role() -> tuple[str, ...]:
    """Every role name the services' code mentions (a forged token may claim them all)."""
    pattern = re.compile(r"\"((?:" + "|".join(DEPARTMENTS) + r")\.[a-z_]+)\"")
    found = {m for f in (ROOT / "services").glob("*/src/**/*.py") for m in pattern.findall(f.read_text())}
    return tuple(sorted(found))


@dataclass
class Running:
    name: str
    app: FastAPI
    client: httpx.AsyncClient

    @property
    def runtime(self) -> Runtime:
        runtime: Runtime = self.app.state.runtime
        return runtime

    @property
    def department(self) -> str:
        return SERVICES[self.name].department

    async def position(self) -> int:
        return await self.runtime.store.last_position()

    async def settled(self) -> int:
        """The store's position once the start-up writes (e.g. parks registered) are done."""
        last, still = -1, 0
        while still < 3:
            await asyncio.sleep(0.1)
            now = await self.position()
            last, still = now, (still + 1 if now == last else 0)
        return last


@asynccontextmanager
async def started(
    name: str, tmp_path: Path, prepare: Callable[[FastAPI], None] | None = None, **settings: Any
) -> AsyncIterator[Running]:
    spec = SERVICES[name]
    data_dir = settings.pop("park_data_dir_override", tmp_path / name)
    app = spec.create_app(spec.settings(park_env="test", park_data_dir=data_dir, **settings))
    if prepare is not None:
        prepare(app)
    async with running_app(app) as client:
        yield Running(name, app, client)


def operations(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path with its parameters filled in, operation) for every route of the OpenAPI."""
    out = []
    for path, item in app.openapi()["paths"].items():
        for method, op in item.items():
            out.append((method.upper(), fill(path, op), op))
    return out


# industrial-co answers an id of the wrong shape with 404 before it checks the token (a format
# check, no lookup: nothing is revealed), so its ids are given their shape here
ID_SHAPES = {"offering_id": "off-probe", "project_id": "prj-probe", "subscription_id": "sub-probe"}


def fill(path: str, op: dict[str, Any]) -> str:
    for p in op.get("parameters", []):
        if p["in"] == "path":
            value = "1" if p.get("schema", {}).get("type") == "integer" else "probe-1"
            path = path.replace("{" + p["name"] + "}", ID_SHAPES.get(p["name"], value))
    return path


def is_command(method: str, path: str) -> bool:
    return method not in ("GET", "HEAD") and not path.startswith("/public/") and path != "/ops/status"


@pytest.fixture(scope="package")
def kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureKafka]:
    """One SASL_SSL broker with the ACLs of `kafka_acl.ACCESS` for this folder's real tests."""
    with start_secure_kafka(tmp_path_factory.mktemp("secure-kafka")) as server:
        yield server
