"""What the read models cannot hold is a 422 naming where, and stores nothing: a NUL character
(U+0000) in any input, a JSON integer beyond 64 bits. On FerretDB (PostgreSQL) a NUL in a lead's
industry, or a revocation's `expires_at` of 2^63, was stored in the event, could not be written to
the read models, and every command and query of the service after it answered 500. On each
backend (real Kafka + FerretDB with PARK_REAL=1); the public inquiry form, which needs no token,
included."""

from __future__ import annotations

from typing import Any

import pytest
from park_headquarters.app import create_app as headquarters_app
from park_headquarters.settings import HeadquartersSettings
from park_investment.app import create_app
from park_investment.settings import InvestmentSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, running_app, runtime_of
from parkctl.demo import credit_code

OFFICER = auth_header("inv", "inv.officer", subject="officer-li")


def lead(serial: int, **fields: Any) -> dict[str, Any]:
    body = {
        "company_name": f"苏州恒力精工{serial}有限公司",
        "credit_code": credit_code("320500", f"MA1XNU{serial:03d}"),
        "industry": "精密机械 precision machinery",
        "planned_investment": "1000000.00",
        "park_id": "north",
        "platform": "online",
        "referrer_id": None,
    }
    return {**body, **fields}


REFUSED = [
    ("POST", "/leads", {"json": lead(2, industry="精密\x00机械")}, "industry"),
    ("POST", "/leads", {"json": lead(3, company_name="恒力\x00")}, "company_name"),
    ("POST", "/leads", {"json": {**lead(4), "no\x00te": "x"}}, "no\x00te"),
    ("POST", "/leads/lead-x%00y/loss", {"json": {"reason": "gone"}}, "lead_id"),
    ("GET", "/leads", {"params": {"status": "new\x00"}}, "status"),
    ("POST", "/public/inquiries", {"json": lead(5, company_name="星河\x00半导体")}, "company_name"),
]


async def test_a_nul_anywhere_is_refused_and_the_service_goes_on(park_settings: ParkSettings) -> None:
    settings = InvestmentSettings(**park_settings.model_dump())
    app = create_app(settings)
    async with running_app(app) as client:
        store = runtime_of(app).store
        first = await client.post("/leads", json=lead(1), headers=OFFICER)
        assert first.status_code == 201, first.text
        before = await store.last_position()
        for method, path, request, field in REFUSED:
            r = await client.request(method, path, headers=OFFICER, **request)
            assert r.status_code == 422, (path, field, r.text)
            assert r.json()["field"] == field and "U+0000" in r.json()["errors"][0]["message"]
        assert await store.last_position() == before
        written_out = "精密机械 (not \\u0000)"  # the six characters, not the character
        after = await client.post("/leads", json=lead(6, industry=written_out), headers=OFFICER)
        assert after.status_code == 201, after.text
        listed = await client.get("/leads", headers=OFFICER)
        names = sorted(row["company_name"] for row in listed.json())
        assert names == ["苏州恒力精工1有限公司", "苏州恒力精工6有限公司"]
        assert after.json()["industry"] == written_out


@pytest.mark.parametrize("body", [b'{"reason": "a\\u0000b"}', b'{"reason": "gone"}'])
async def test_a_body_sent_to_a_route_that_takes_none_is_checked_but_not_parsed_for_it(
    park_settings: ParkSettings, body: bytes
) -> None:
    """A NUL in it is refused all the same; a body that is not JSON is left unread, as before."""
    settings = InvestmentSettings(**park_settings.model_dump())
    async with running_app(create_app(settings)) as client:
        headers = {**OFFICER, "content-type": "application/json"}
        r = await client.post("/ops/replay", content=body, headers=headers)
        assert r.status_code == (422 if b"\\u0000" in body else 200), r.text
        broken = await client.post("/ops/replay", content=b'{"reason": ', headers=headers)
        assert broken.status_code == 200, broken.text


async def test_an_integer_beyond_64_bits_is_refused_and_the_service_goes_on(
    park_settings: ParkSettings,
) -> None:
    settings = HeadquartersSettings(**park_settings.model_dump())
    app = headquarters_app(settings)
    head = auth_header("hq", "hq.head")
    revocation = {"jti": "probe-0001", "issuer": "sc", "expires_at": 1_900_000_000, "reason": "lost"}
    async with running_app(app) as client:
        store = runtime_of(app).store
        before = await store.last_position()
        for wrong in (2**63, -(2**63) - 1, 10**30):
            r = await client.post(
                "/tokens/revocations", json={**revocation, "expires_at": wrong}, headers=head
            )
            assert r.status_code == 422 and r.json()["field"] == "expires_at", r.text
            assert "cannot be stored" in r.json()["errors"][0]["message"]
        assert await store.last_position() == before
        written = await client.post("/tokens/revocations", json=revocation, headers=head)
        assert written.status_code == 201, written.text
        listed = await client.get("/tokens/revocations", headers=head)
        assert [row["jti"] for row in listed.json()] == ["probe-0001"]
        parks = await client.get("/parks", headers=head)
        assert parks.status_code == 200, parks.text
