"""Fixtures for the headquarters tests: settings, tokens, a running app with a fixed clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from park_headquarters.app import create_app
from park_headquarters.application.context import Headquarters
from park_headquarters.settings import HeadquartersSettings
from park_shared.runtime import Runtime
from park_shared.testing.apps import auth_header, running_app, wait_until
from park_shared.testing.events import emit

MONDAY = date(2026, 3, 2)

OFFICIAL = auth_header("hq", "hq.official", subject="official-1")
PLANNER_1 = auth_header("hq", "hq.planner", subject="planner-1", level=1)
PLANNER_3 = auth_header("hq", "hq.planner", subject="planner-3", level=3)
HEAD = auth_header("hq", "hq.head", subject="head")
FOREIGN = auth_header("sc", "sc.head", subject="sc-head")


def at_noon(day: date) -> Callable[[], datetime]:
    """A clock fixed at noon (Asia/Shanghai) of `day`."""
    moment = datetime.combine(day, time(4, 0), tzinfo=UTC)
    return lambda: moment


@dataclass
class Hq:
    """A running headquarters, its client, its application context, and tokens for each role."""

    client: httpx.AsyncClient
    application: Headquarters
    runtime: Runtime
    settings: HeadquartersSettings
    official: ClassVar[dict[str, str]] = OFFICIAL
    planner_1: ClassVar[dict[str, str]] = PLANNER_1
    planner_3: ClassVar[dict[str, str]] = PLANNER_3
    head: ClassVar[dict[str, str]] = HEAD
    foreign: ClassVar[dict[str, str]] = FOREIGN
    monday: ClassVar[date] = MONDAY

    def set_today(self, day: date) -> None:
        self.runtime.clock = at_noon(day)

    async def calendars_adopted(self) -> bool:
        """The State Council's arrangements of last year and this one (from the package)."""
        found = await self.runtime.read_models.find("policies", {"kind": "working_calendar"})
        return len(found) == 2

    async def parks_registered(self) -> bool:
        response = await self.client.get("/parks", headers=OFFICIAL)
        return len(response.json()) == len(self.settings.park_parks)

    async def hold(self, park_id: str, *codes: str) -> None:
        """Records land the zone holds already (requisitioned), so planners may plan it."""
        for code in codes:
            body = {"park_id": park_id, "code": code, "title_reference": f"title-{park_id}-{code}"}
            held = await self.client.post("/parcels/held", json=body, headers=PLANNER_1)
            assert held.status_code == 201, held.text

    async def draft_policy(
        self, policy_id: str, kind: str, title: str, terms: dict[str, Any], headers: dict[str, str] = OFFICIAL
    ) -> httpx.Response:
        """Drafts a policy (as an official, unless `headers` say who), answering the response."""
        body = {"policy_id": policy_id, "kind": kind, "title": title, "terms": terms}
        return await self.client.post("/policies", json=body, headers=headers)

    async def adopt_policy(
        self, policy_id: str, kind: str, title: str, terms: dict[str, Any], effective_from: date = MONDAY
    ) -> None:
        """The head drafts a policy and publishes its first version, in force from `effective_from`."""
        drafted = await self.draft_policy(policy_id, kind, title, terms, headers=HEAD)
        assert drafted.status_code == 201, drafted.text
        publish = {"effective_from": str(effective_from)}
        published = await self.client.post(
            f"/policies/{policy_id}/versions/1/publish", json=publish, headers=HEAD
        )
        assert published.status_code == 200, published.text

    async def request_approval(
        self, case_id: str, working_days: int = 5, *, park_id: str = "north", times: int = 1, **more: Any
    ) -> None:
        """Service-center asks for the approval of case `case_id`'s project (ApprovalRequested.v1,
        `times` deliveries; `more` adds or replaces fields)."""
        request = {
            "case_id": case_id,
            "step_code": "project_approval",
            "enterprise_name": f"{case_id} 有限公司",
            "credit_code": "91110000000000001X",
            "project": "光伏组件",
            "planned_investment": "1250000.00",
            "park_id": park_id,
            "requested_parcel_id": None,
            "requested_on": "2026-03-02",
            "working_days": working_days,
            **more,
        }
        await emit(self.settings, "service-center", "ApprovalRequested.v1", request, case_id, times=times)

    async def complete_infrastructure(
        self, project_id: str, kind: str, parcel_ids: list[str], *, times: int = 1
    ) -> None:
        """Industrial-co completes infrastructure serving `parcel_ids` (InfrastructureCompleted.v1)."""
        completed = {
            "project_id": project_id,
            "kind": kind,
            "parcel_ids": parcel_ids,
            "completed_on": "2026-03-01",
        }
        await emit(
            self.settings, "industrial-co", "InfrastructureCompleted.v1", completed, project_id, times=times
        )

    async def last_position(self) -> int:
        return await self.runtime.store.last_position()

    async def event_types(self) -> list[str]:
        records = await self.runtime.store.read_all(0, 100_000)
        return [r.type.split(".")[2] for r in records]


@asynccontextmanager
async def start_hq(settings: HeadquartersSettings, today: date = MONDAY) -> AsyncIterator[Hq]:
    app = create_app(settings, clock=at_noon(today))
    async with running_app(app) as client:
        application: Headquarters = app.state.application
        hq = Hq(client, application, application.runtime, settings)
        await wait_until(hq.parks_registered, what="the configured parks")
        await wait_until(hq.calendars_adopted, what="the official working-day calendars")
        yield hq


def embedded_settings(tmp_path: Path) -> HeadquartersSettings:
    return HeadquartersSettings(park_env="test", park_data_dir=tmp_path / "data", hq_scheduler_interval=0.05)


@pytest.fixture
async def hq(tmp_path: Path) -> AsyncIterator[Hq]:
    """Headquarters on the embedded backend, today fixed to Monday 2026-03-02."""
    async with start_hq(embedded_settings(tmp_path)) as running:
        yield running


StartHq = Callable[[HeadquartersSettings], AbstractAsyncContextManager[Hq]]


@pytest.fixture
def hq_on() -> StartHq:
    """Starts headquarters on given settings (for tests on both backends)."""
    return start_hq
