"""The live feed as a newcomer reads it: each event's subject by its name (the enterprise, the
title), also for an event about something that belongs to it (an invoice of a case), and its
time on the zone's clock, which runs days ahead in a demonstration zone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from park_dashboard.app import create_app
from park_dashboard.settings import DashboardSettings
from park_shared.testing.apps import running_app
from park_shared.testing.events import emit

from .conftest import Dashboard

CASE = {
    "case_id": "case-hx",
    "lead_id": None,
    "enterprise_name": "华芯半导体有限公司 Huaxin Semiconductor",
    "credit_code": "91320500MA1XDM0016",
    "project": "新建项目",
    "planned_investment": "1000000.00",
    "park_id": "north",
    "industry": "集成电路",
    "green_channel": False,
    "opened_on": "2026-03-02",
}


@pytest.fixture
def ahead(tmp_path: Path) -> DashboardSettings:
    clock = tmp_path / "zone-clock"
    clock.write_text("7\n")
    return DashboardSettings(park_env="test", park_data_dir=tmp_path / "data", park_zone_clock_file=clock)


@pytest.fixture
async def zone_dashboard(ahead: DashboardSettings) -> AsyncIterator[Dashboard]:
    app = create_app(ahead)
    async with running_app(app) as client:
        yield Dashboard.of(client, app)


async def test_the_feed_names_subjects_and_shows_the_zone_time(
    zone_dashboard: Dashboard, ahead: DashboardSettings
) -> None:
    await emit(ahead, "service-center", "CaseOpened.v1", CASE, "case-hx")
    await emit(ahead, "service-center", "StepSubmitted.v1", {"case_id": "case-hx"}, "case-hx")
    invoice = {"invoice_id": "inv-1", "case_id": "case-hx"}
    await emit(ahead, "service-center", "InvoicePrinted.v1", invoice, "invoice-inv-1")
    await emit(ahead, "service-center", "InvoicePaid.v1", {"invoice_id": "inv-1"}, "invoice-inv-1")
    await emit(ahead, "industrial-co", "BidSubmitted.v1", {"bid_id": "bid-9"}, "bid-9")
    await zone_dashboard.seen(5)
    items = {i["name"]: i for i in (await zone_dashboard.client.get("/api/feed")).json()["items"]}
    assert items["CaseOpened.v1"]["subject_name"] == CASE["enterprise_name"]
    assert items["StepSubmitted.v1"]["subject_name"] == CASE["enterprise_name"]
    assert items["InvoicePrinted.v1"]["subject_name"] == CASE["enterprise_name"]
    assert items["InvoicePaid.v1"]["subject_name"] == CASE["enterprise_name"]  # named by its invoice's case
    assert items["BidSubmitted.v1"]["subject_name"] is None  # nothing names it: its id is shown
    for item in items.values():
        wall, zone = datetime.fromisoformat(item["time"]), datetime.fromisoformat(item["zone_time"])
        assert abs((zone - wall) - timedelta(days=7)) < timedelta(minutes=1)
        assert zone.utcoffset() == timedelta(hours=8)  # Asia/Shanghai
