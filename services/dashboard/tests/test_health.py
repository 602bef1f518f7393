from park_dashboard.app import create_app
from park_dashboard.settings import DashboardSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import running_app


async def test_it_is_alive_and_ready_on_each_backend(park_settings: ParkSettings) -> None:
    settings = DashboardSettings(**park_settings.model_dump())
    async with running_app(create_app(settings)) as client:
        health = await client.get("/health")
        ready = await client.get("/ready")
    assert health.json() == {"status": "ok", "service": "dashboard"}
    assert ready.status_code == 200
    assert ready.json()["store"] == "ok" and ready.json()["bus"] == "ok"
