"""Helpers for the industrial-co tests: identifiers with valid check digits, an app driver
with a settable zone clock and the roles' tokens."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, wait_until
from park_shared.testing.events import emit

ZONE = ZoneInfo("Asia/Shanghai")
MANAGER = auth_header("ic", "ic.manager", subject="manager")
FINANCE = auth_header("ic", "ic.finance", subject="cashier")
HQ = auth_header("hq", "hq.official")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def identity_number(seq: int) -> str:
    body = f"11010519900307{seq % 1000:03d}"
    total = sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def credit_code(seq: int) -> str:
    body = f"91310000MA1K{seq % 100000:05d}"
    total = sum(_CC.index(c) * w for c, w in zip(body, _CC_WEIGHTS, strict=True))
    return body + _CC[(31 - total % 31) % 31]


@dataclass
class Driver:
    """The running app, its runtime, and a clock set to a zone date."""

    client: httpx.AsyncClient
    runtime: Runtime

    def set_today(self, day: date) -> None:
        moment = datetime.combine(day, time(10, 0), ZONE)
        self.runtime.clock = lambda: moment

    async def post(self, url: str, json: Any = None, who: dict[str, str] = MANAGER) -> httpx.Response:
        return await self.client.post(url, json=json, headers=who)

    async def get(self, url: str, who: dict[str, str] = MANAGER) -> httpx.Response:
        return await self.client.get(url, headers=who)

    async def snapshot(self) -> tuple[int, list[Any]]:
        """The store's last position and every read model the API shows: to prove no change."""
        position = await self.runtime.store.last_position()
        views = [
            (await self.get(u)).json()
            for u in (
                "/offerings",
                "/infrastructure-projects",
                "/ledger",
                "/ledger/entries",
                "/parcels",
                "/shared-facilities",
                "/land-compensations",
            )
        ]
        return position, views


async def open_offering(d: Driver, title: str, *admitted: str) -> str:
    """A small offering (100 shares of 10.00, 10.00 to 1000.00 each, open in March 2026), open."""
    terms = {
        "title": title,
        "target_amount": "1000.00",
        "unit_price": "10.00",
        "min_subscription": "10.00",
        "max_subscription": "1000.00",
        "opens_on": "2026-03-01",
        "closes_on": "2026-03-31",
        "admitted_investor_types": list(admitted),
    }
    offering_id: str = (await d.post("/offerings", terms)).json()["offering_id"]
    assert (await d.post(f"/offerings/{offering_id}/open")).status_code == 200
    return offering_id


StartDriver = Callable[[ParkSettings], AbstractAsyncContextManager[Driver]]
"""The `driver_for` fixture: runs the app on the given settings."""


LAB_HOUR = {
    "code": "LAB-HOUR", "name": "检测实验室使用费", "amount": "80.00", "phase": "facility_use",
    "facility_kind": "testing_laboratory",
}  # fmt: skip


async def publish_fee_schedule(
    d: Driver, items: list[dict[str, Any]] | None = None, version: int = 1, effective_from: str = "2026-01-01"
) -> None:
    """HQ publishes its fee schedule (delivered twice); returns once it is recorded here."""
    data = {
        "policy_id": "fee-schedule", "version": version, "kind": "fee_schedule",
        "title": f"收费标准 v{version}", "effective_from": effective_from,
        "terms": {"items": items or [LAB_HOUR]}, "published_at": f"2026-01-0{version}T09:00:00+08:00",
    }  # fmt: skip
    await emit(d.runtime.settings, "headquarters", "PolicyPublished.v1", data, "policy-fee-schedule", times=2)

    async def recorded() -> bool:
        docs = await d.runtime.read_models.find("fee_schedules", {})
        return any(doc["version"] == version for doc in docs)

    await wait_until(recorded, timeout=20, what=f"fee schedule v{version} recorded")
