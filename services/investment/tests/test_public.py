"""/public: the inquiry form (an online lead, same rules, rate-limited) and the listings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from park_investment.app import create_app
from park_investment.settings import InvestmentSettings
from park_shared.testing.apps import auth_header, running_app, runtime_of, wait_until
from park_shared.testing.events import emit

OFFICER = auth_header("inv", "inv.officer")


def inquiry(code: str, **fields: Any) -> dict[str, Any]:
    body = {"company_name": "星河半导体有限公司", "credit_code": code, "industry": "semiconductors"}
    return {**body, "planned_investment": "300000000.00", "park_id": "south", **fields}


async def test_an_inquiry_is_an_online_lead_under_the_same_rules(
    service: Any, new_code: Callable[[], str]
) -> None:
    code = new_code()
    sent = await service.client.post("/public/inquiries", json=inquiry(code))
    assert sent.status_code == 201, sent.text
    assert sent.json() == {"lead_id": f"lead-{code}", "status": "new", "park_id": "south"}
    lead = (await service.client.get(f"/leads/lead-{code}", headers=OFFICER)).json()
    assert (lead["platform"], lead["referrer_id"]) == ("online", None)
    referrer = await service.referrer("enterprise")
    taken = new_code()
    assert (await service.lead(taken, platform="merchant", referrer_id=referrer)).status_code == 201
    before = await service.stored()
    bad = await service.client.post("/public/inquiries", json=inquiry(taken[:-1] + "Z"))
    assert (bad.status_code, bad.json()["field"]) == (422, "credit_code")
    floats = await service.client.post("/public/inquiries", json=inquiry(new_code(), planned_investment=1e6))
    assert (floats.status_code, floats.json()["field"]) == (422, "planned_investment")
    park = await service.client.post("/public/inquiries", json=inquiry(new_code(), park_id="west"))
    assert (park.status_code, park.json()["field"]) == (422, "park_id")
    assert await service.stored() == before
    duplicate = await service.client.post("/public/inquiries", json=inquiry(taken))
    assert duplicate.status_code == 409
    problem = duplicate.json()
    assert (problem["existing_lead_id"], problem["existing_platform"], problem["existing_park_id"]) == (
        f"lead-{taken}",
        "merchant",
        "north",
    )
    assert referrer not in duplicate.text


async def test_inquiries_are_rate_limited_per_client(tmp_path: Path, new_code: Callable[[], str]) -> None:
    settings = InvestmentSettings(
        park_env="test", park_data_dir=tmp_path, inquiry_burst=2, inquiry_refill_seconds=30
    )
    async with running_app(create_app(settings)) as client:
        statuses = [
            (await client.post("/public/inquiries", json=inquiry(new_code()))).status_code for _ in range(2)
        ]
        assert statuses == [201, 201]
        refused = await client.post("/public/inquiries", json=inquiry(new_code()))
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 30
        assert refused.headers["content-type"] == "application/problem+json"
        assert len((await client.get("/leads", headers=OFFICER)).json()) == 2
        assert (await client.get("/public/listings")).status_code == 200  # listings are not limited


async def test_public_listings_show_serviced_unallocated_parcels_and_published_opportunities(
    tmp_path: Path,
) -> None:
    settings = InvestmentSettings(park_env="test", park_data_dir=tmp_path)
    app = create_app(settings)
    async with running_app(app) as client:
        for code in ("A01", "A02"):
            serviced = {"parcel_id": f"north-{code}", "park_id": "north", "code": code}
            serviced |= {"planned_use": "industrial", "area_m2": 20000, "serviced_on": "2025-01-10"}
            serviced |= {"by_project_id": "infra-1"}
            await emit(
                settings, "headquarters", "ParcelServiced.v1", serviced, f"parcel-north-{code}", times=2
            )
        allocated = {
            "parcel_id": "north-A02",
            "park_id": "north",
            "case_id": "case-1",
            "allocated_on": "2025-02-01",
        }
        await emit(settings, "headquarters", "ParcelAllocated.v1", allocated, "parcel-north-A02")
        runtime = runtime_of(app)
        await wait_until(lambda: sum(c.handled for c in runtime.consumers) >= 5, what="parcel events")
        kept = {
            "title": "新能源电池产业链",
            "park_id": "south",
            "industry": "batteries",
            "parcel_ids": ["south-B02"],
        }
        published = await client.post("/listings", json=kept, headers=OFFICER)
        assert published.status_code == 201, published.text
        gone = await client.post("/listings", json={**kept, "title": "已撤回"}, headers=OFFICER)
        withdrawn = await client.post(f"/listings/{gone.json()['listing_id']}/withdrawal", headers=OFFICER)
        assert withdrawn.json()["status"] == "withdrawn"
        again = await client.post(f"/listings/{gone.json()['listing_id']}/withdrawal", headers=OFFICER)
        assert again.status_code == 409
        bad = await client.post("/listings", json={**kept, "park_id": "east"}, headers=OFFICER)
        assert (bad.status_code, bad.json()["field"]) == (422, "park_id")

        public = (await client.get("/public/listings")).json()
        assert [p["parcel_id"] for p in public["parcels"]] == ["north-A01"]
        assert [o["title"] for o in public["opportunities"]] == ["新能源电池产业链"]
        assert "status" not in public["opportunities"][0]
        south = (await client.get("/public/listings", params={"park_id": "south"})).json()
        assert (south["parcels"], len(south["opportunities"])) == ([], 1)
        officer_view = (await client.get("/listings", headers=OFFICER)).json()
        assert len(officer_view["opportunities"]) == 2
