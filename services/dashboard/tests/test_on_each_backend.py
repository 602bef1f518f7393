"""On the embedded log and on Kafka with FerretDB: events read once, poison kept, nothing published."""

from __future__ import annotations

from typing import Any

from park_dashboard.app import create_app
from park_dashboard.settings import DashboardSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import running_app, wait_until
from park_shared.testing.events import emit

from .conftest import Dashboard

LEAD = {
    "lead_id": "lead-1",
    "company_name": "华芯半导体有限公司",
    "credit_code": "913205000000000001",
    "industry": "集成电路",
    "planned_investment": "320000000.00",
    "park_id": "north",
    "platform": "merchant",
    "referrer_id": "ref-1",
    "registered_on": "2025-03-03",
}


CATALOGUE = {
    "policy_id": "catalogue",
    "version": 1,
    "kind": "procedure_catalogue",
    "title": "一站式办事指南",
    "effective_from": "2025-01-01",
    "published_at": "2025-01-01T09:00:00+08:00",
    "terms": {
        "steps": [
            {
                "code": "land_use",
                "name": "用地",
                "legal_basis": "《土地管理法》",
                "required_documents": [],
                "working_days": 15,
                "green_channel_working_days": 8,
                "decided_by": "service-center",
            }
        ]
    },
}


async def test_each_event_is_read_once_and_a_poison_message_is_kept(park_settings: ParkSettings) -> None:
    settings = DashboardSettings(**park_settings.model_dump())
    await emit(settings, "investment", "LeadRegistered.v1", LEAD, "lead-1", times=2)
    await emit(settings, "headquarters", "ParkRegistered.v1", {"park_id": "north", "name": "北园"}, "north")
    await emit(settings, "headquarters", "PolicyPublished.v1", CATALOGUE, "catalogue")
    await emit(settings, "investment", "LeadLost.v1", {"reason": "no id"}, "lead-1")
    app = create_app(settings)
    async with running_app(app) as client:
        dashboard = Dashboard.of(client, app)
        await dashboard.seen(3, rejected=1, timeout=60)
        investment = (await client.get("/api/investment")).json()
        summary = (await client.get("/api/summary")).json()
        public = (await client.get("/api/public")).json()
        status: list[dict[str, Any]] = []

        async def caught_up() -> bool:  # the consumer's counts follow its commit, a moment later
            status[:] = (await client.get("/ops/status")).json()["consumers"]
            return bool(status[0]["lag"] == 0 and status[0]["handled"] == 4)  # 3 read, 1 redelivered

        await wait_until(caught_up, timeout=30, what="the reader's lag 0 after 4 handled")
    (reader,) = status
    assert reader["name"] == settings.group("dashboard") and reader["dead_lettered"] == 1
    assert investment["leads"] == 1 and investment["by_platform"]["merchant"][0] == 1
    assert summary["parks"] == {"north": "北园"}
    assert [(s["code"], s["working_days"]) for s in public["catalogue"]] == [("land_use", 15)]
    assert [p["status"] for p in summary["administration"]["policies_in_force"]] == ["in_force"]
    assert dashboard.reader.duplicates >= 1  # the second delivery of the same ce_id
