from park_service_center.app import create_app
from park_service_center.settings import ServiceCenterSettings
from park_shared.settings import ParkSettings
from park_shared.testing.health import assert_alive_and_ready


async def test_it_is_alive_and_ready_on_each_backend(park_settings: ParkSettings) -> None:
    await assert_alive_and_ready(
        create_app(ServiceCenterSettings(**park_settings.model_dump())), "service-center"
    )
