"""Fixtures for the service-center tests: a fake clock, embedded settings, HQ's policies as
HQ publishes them (with the 2026 working-day calendar), and a running app with a helper that drives it."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI
from park_service_center.app import create_app
from park_service_center.settings import ServiceCenterSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, running_app, wait_until
from park_shared.testing.events import emit

sys.path.insert(0, str(Path(__file__).parent))  # sc_testkit

ZONE = ZoneInfo("Asia/Shanghai")
THURSDAY = date(2026, 4, 2)
HOLIDAY = date(2026, 4, 6)
MAKEUP = date(2026, 4, 11)
CREDIT_CODE = "91350100M000100Y43"

CATALOGUE = {
    "steps": [
        {"code": "project_approval", "name": "立项", "legal_basis": "企业投资项目核准和备案管理条例",
         "required_documents": ["project proposal"], "working_days": 10, "green_channel_working_days": 5,
         "decided_by": "headquarters"},
        {"code": "land_use", "name": "用地", "legal_basis": "土地管理法",
         "required_documents": ["application", "site plan"], "working_days": 5,
         "green_channel_working_days": 2, "decided_by": "service-center"},
        {"code": "fire_safety", "name": "消防", "legal_basis": "消防法", "required_documents": [],
         "working_days": 3, "green_channel_working_days": 1, "decided_by": "service-center"},
    ]
}  # fmt: skip
FEES = {
    "items": [
        {"code": "infra", "name": "基础设施配套费", "amount": "100000.00", "phase": "before_production"},
        {"code": "reg", "name": "登记费", "amount": "1250.50", "phase": "before_production"},
        {"code": "sewage", "name": "污水处理费", "amount": "8000.00", "phase": "after_production"},
    ]
}
CALENDAR_2026 = {"year": 2026, "holidays": [HOLIDAY.isoformat()], "makeup_workdays": [MAKEUP.isoformat()]}
PREFERENTIAL = {
    "rules": [
        {"fee_code": "infra", "discount_percent": "30", "waiver": False,
         "industries": ["electronics"], "parks": ["north"]},
        {"fee_code": "reg", "discount_percent": "0", "waiver": True, "industries": [], "parks": []},
        {"fee_code": "sewage", "discount_percent": "12.5", "waiver": False,
         "industries": [], "parks": ["north"]},
    ]
}  # fmt: skip


class FakeClock:
    def __init__(self, day: date) -> None:
        self.now = datetime.combine(day, time(10), ZONE)

    def set(self, day: date) -> None:
        self.now = datetime.combine(day, time(10), ZONE)

    def __call__(self) -> datetime:
        return self.now


def policy(policy_id: str, kind: str, terms: dict[str, Any], version: int = 1) -> dict[str, Any]:
    return {
        "policy_id": policy_id, "version": version, "kind": kind, "title": f"{kind} v{version}",
        "effective_from": "2026-01-01", "terms": terms, "published_at": "2026-01-01T09:00:00+08:00",
    }  # fmt: skip


async def publish_policies(settings: ParkSettings) -> None:
    for data in (
        policy("catalogue", "procedure_catalogue", CATALOGUE),
        policy("fees", "fee_schedule", FEES),
        policy("pref-electronics", "preferential", PREFERENTIAL),
        policy("working-calendar-2026", "working_calendar", CALENDAR_2026),
    ):
        await emit(
            settings, "headquarters", "PolicyPublished.v1", data, f"policy-{data['policy_id']}", times=2
        )


class Driver:
    """Drives the app: headers per role, walk-in cases, step walks, store positions."""

    officer = auth_header("sc", "sc.officer")
    cashier = auth_header("sc", "sc.cashier")
    head = auth_header("sc", "sc.head")

    def __init__(
        self, app: FastAPI, client: httpx.AsyncClient, settings: ParkSettings, clock: FakeClock
    ) -> None:
        self.app, self.client, self.settings, self.clock = app, client, settings, clock

    async def open_walk_in(self, **overrides: Any) -> dict[str, Any]:
        body = {
            "enterprise_name": "闽江光学 Minjiang Optics", "credit_code": CREDIT_CODE,
            "project": "lens factory", "planned_investment": "5000000.00", "park_id": "north",
            "industry": "electronics",
            **overrides,
        }  # fmt: skip
        response = await self.client.post("/cases", json=body, headers=self.officer)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def step(self, case_id: str, code: str, action: str, body: Any = None) -> httpx.Response:
        return await self.client.post(
            f"/cases/{case_id}/steps/{code}/{action}", json=body, headers=self.officer
        )

    async def walk(self, case_id: str, code: str, documents: list[str]) -> dict[str, Any]:
        for action, body in (("submit", {"documents": documents}), ("accept", None), ("approve", None)):
            response = await self.step(case_id, code, action, body)
            assert response.status_code == 200, response.text
        return dict(response.json())

    async def hq_decides(self, case_id: str, approved: bool = True) -> None:
        data = {
            "approval_id": f"ap-{case_id}",
            "case_id": case_id,
            "decided_on": self.clock().date().isoformat(),
        }
        if approved:
            await emit(
                self.settings,
                "headquarters",
                "ProjectApproved.v1",
                {**data, "allocated_parcel_id": "north-A01"},
                "ap",
            )
        else:
            await emit(
                self.settings,
                "headquarters",
                "ProjectRejected.v1",
                {**data, "reason": "outside the plan"},
                "ap",
            )
        status = "approved" if approved else "rejected"

        async def decided() -> bool:
            case = (await self.client.get(f"/cases/{case_id}", headers=self.officer)).json()
            return bool(case["steps"][0]["status"] == status)

        await wait_until(decided, timeout=20, what=f"HQ's decision on {case_id}")

    async def position(self) -> int:
        return int(await self.app.state.runtime.store.last_position())


HqPolicy = Callable[..., dict[str, Any]]


@pytest.fixture
def hq_policy() -> HqPolicy:
    """HQ's PolicyPublished data of a kind (catalogue, fee schedule, preferential), with overrides."""
    known: dict[str, tuple[str, dict[str, Any]]] = {
        "procedure_catalogue": ("catalogue", CATALOGUE),
        "fee_schedule": ("fees", FEES),
        "preferential": ("pref-electronics", PREFERENTIAL),
    }

    def make(kind: str, **overrides: Any) -> dict[str, Any]:
        policy_id, terms = known[kind]
        return {**policy(policy_id, kind, terms), **overrides}

    return make


@pytest.fixture
def publish() -> Callable[[ParkSettings], Awaitable[None]]:
    """Publishes HQ's catalogue, fee schedule and preferential policy (each delivered twice)."""
    return publish_policies


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(THURSDAY)


@pytest.fixture
def settings(tmp_path: Path) -> ServiceCenterSettings:
    return ServiceCenterSettings(
        park_env="test", park_data_dir=tmp_path / "data", sc_overdue_scan_seconds=0.05
    )


async def _catalogue_visible(client: httpx.AsyncClient) -> bool:
    procedures = (await client.get("/public/procedures")).json()
    return bool(procedures["steps"]) and not procedures["calendar_provisional"]


Serve = Callable[[], AbstractAsyncContextManager[Driver]]


@pytest.fixture
async def serve(settings: ServiceCenterSettings, clock: FakeClock) -> Serve:
    """Starts the app (again and again, on the same data) once HQ's policies are published."""
    await publish_policies(settings)

    @asynccontextmanager
    async def run() -> AsyncIterator[Driver]:
        app = create_app(settings, clock=clock)
        async with running_app(app) as client:
            await wait_until(lambda: _catalogue_visible(client), timeout=20, what="the catalogue")
            yield Driver(app, client, settings, clock)

    return run


@pytest.fixture
async def driver(serve: Serve) -> AsyncIterator[Driver]:
    """The app on embedded settings with HQ's catalogue, fee schedule and preferential policy."""
    async with serve() as running:
        yield running
