from park_investment.app import create_app
from park_investment.settings import InvestmentSettings
from park_shared.settings import ParkSettings
from park_shared.testing.health import assert_alive_and_ready


async def test_it_is_alive_and_ready_on_each_backend(park_settings: ParkSettings) -> None:
    await assert_alive_and_ready(create_app(InvestmentSettings(**park_settings.model_dump())), "investment")
