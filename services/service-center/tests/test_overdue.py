"""The overdue scheduler with an injected clock: one StepOverdue per step whose deadline
passes undecided — also for a deadline that passed while the service was down, and never a
second one after a restart."""

import asyncio
from datetime import date
from typing import Any

from park_service_center.application.context import ServiceCenter
from park_service_center.application.overdue import scan_overdue
from park_shared.runtime import Runtime
from park_shared.testing.apps import wait_until

OVERDUE = "park.service-center.StepOverdue.v1"


async def test_exactly_one_overdue_per_step_across_restarts(serve: Any, clock: Any) -> None:
    async with serve() as driver:  # Thursday 2 April
        a = (await driver.open_walk_in(enterprise_name="A"))["case_id"]  # HQ's deadline: Thu 16 April
        b = (await driver.open_walk_in(enterprise_name="B"))["case_id"]
        await driver.hq_decides(b)
        await driver.step(b, "land_use", "submit", {"documents": ["application", "site plan"]})
        accepted = await driver.step(b, "land_use", "accept")
        assert accepted.json()["steps"][1]["deadline"] == "2026-04-10"
        clock.set(date(2026, 4, 10))  # B's deadline day: not passed yet
        await asyncio.sleep(0.3)
        assert await scan_overdue(center(driver)) == 0
        assert await overdue_steps(driver) == []

    clock.set(date(2026, 4, 13))  # down over the weekend, back on Monday 13 April
    async with serve() as driver:
        await wait_until(lambda: _count(driver, 1), timeout=10, what="B's overdue step")
        assert await overdue_steps(driver) == [(b, "land_use")]
        clock.set(date(2026, 4, 17))  # A's deadline passed with HQ still deciding
        await wait_until(lambda: _count(driver, 2), timeout=10, what="A's overdue step")
        await asyncio.sleep(0.3)
        assert await scan_overdue(center(driver)) == 0
        case = (await driver.client.get(f"/cases/{a}", headers=driver.officer)).json()
        assert case["steps"][0]["overdue"] is True

    clock.set(date(2026, 4, 20))
    async with serve() as driver:
        await asyncio.sleep(0.3)
        assert await scan_overdue(center(driver)) == 0
        assert await overdue_steps(driver) == sorted([(a, "project_approval"), (b, "land_use")])


def center(driver: Any) -> ServiceCenter:
    center: ServiceCenter = driver.app.state.application
    return center


async def overdue_steps(driver: Any) -> list[tuple[str, str]]:
    runtime: Runtime = driver.app.state.runtime
    records = await runtime.store.read_all(0, 100_000)
    events = [runtime.registry.decode(r.type, r.data) for r in records if r.type == OVERDUE]
    return sorted((e.case_id, e.step_code) for e in events)  # type: ignore[attr-defined]


async def _count(driver: Any, n: int) -> bool:
    return len(await overdue_steps(driver)) == n
