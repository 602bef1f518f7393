"""Error answers a newcomer can act on, through the HTTP API of a service in-process: a body that
is not JSON says where, a garbage token is called malformed (no decoder internals), and a 422
names every wrong field, an unknown park included; a date is `YYYY-MM-DD`, nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from park_investment.app import create_app
from park_investment.settings import InvestmentSettings
from park_shared.testing.apps import auth_header, running_app
from parkctl.demo import credit_code

OFFICER = auth_header("inv", "inv.officer", subject="officer-li")
LEAD = {
    "company_name": "苏州恒力精工有限公司",
    "credit_code": credit_code("320500", "MA1XERR01"),
    "industry": "精密机械 precision machinery",
    "planned_investment": "1000000.00",
    "park_id": "north",
    "platform": "online",
    "referrer_id": None,
}


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = InvestmentSettings(park_env="test", park_data_dir=tmp_path / "data")
    async with running_app(create_app(settings)) as c:
        yield c


async def test_a_body_that_is_not_json_says_where(client: httpx.AsyncClient) -> None:
    body = b'{"company_name": "Hengli",\n "park_id": }'
    headers = {**OFFICER, "content-type": "application/json"}
    r = await client.post("/leads", content=body, headers=headers)
    assert r.status_code == 422
    problem = r.json()
    assert problem["field"] == "body"
    assert problem["detail"] == "the body is not valid JSON at line 2, column 13: Expecting value"
    assert "JSON decode error" not in r.text
    assert (await client.get("/leads", headers=OFFICER)).json() == []


async def test_a_body_that_is_not_utf8_is_invalid_input_too(client: httpx.AsyncClient) -> None:
    body = '{"company_name": "恒力"}'.encode("gbk")
    headers = {**OFFICER, "content-type": "application/json"}
    r = await client.post("/leads", content=body, headers=headers)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert problem["field"] == "body"
    assert problem["detail"] == "the body is not valid JSON: the byte at offset 18 (0xba) is not UTF-8"
    assert (await client.get("/leads", headers=OFFICER)).json() == []


async def test_a_date_is_written_yyyy_mm_dd_not_as_seconds_since_1970(client: httpx.AsyncClient) -> None:
    for on in ("0", "1772582400", "2026-3-4"):
        r = await client.get("/reward-policies/in-force", params={"on": on}, headers=OFFICER)
        assert r.status_code == 422 and r.json()["field"] == "on", r.text
        assert "YYYY-MM-DD" in r.json()["errors"][0]["message"]
    read = await client.get("/reward-policies/in-force", params={"on": "2026-03-04"}, headers=OFFICER)
    assert read.status_code == 404  # a date, read: no reward policy is in force yet
    for signed_on in (0, "0", "1772582400"):
        body = {"signed_amount": "1000000.00", "signed_on": signed_on}
        r = await client.post("/leads/lead-x/agreement", json=body, headers=OFFICER)
        assert r.status_code == 422 and r.json()["field"] == "signed_on", r.text
    signed = await client.post(
        "/leads/lead-x/agreement",
        json={"signed_amount": "1000000.00", "signed_on": "2026-03-04"},
        headers=OFFICER,
    )
    assert signed.status_code == 404  # a date, read: there is no such lead


async def test_a_garbage_token_is_called_malformed(client: httpx.AsyncClient) -> None:
    r = await client.get("/leads", headers={"Authorization": "Bearer abc.def.ghi"})  # b"i\xb7" inside
    assert r.status_code == 401
    detail = r.json()["detail"]
    assert detail.startswith("the token is not valid: it is malformed"), detail
    assert "codec" not in detail and "0x" not in detail
    r = await client.get("/leads", headers={"Authorization": "Bearer not-a-token-at-all"})
    assert r.json()["detail"].startswith("the token is not valid: it is malformed")


async def test_a_422_names_every_wrong_field_the_unknown_park_too(client: httpx.AsyncClient) -> None:
    wrong = {**LEAD, "planned_investment": "-5", "platform": "fax", "park_id": "east"}
    r = await client.post("/leads", json=wrong, headers=OFFICER)
    assert r.status_code == 422
    fields = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert {"planned_investment", "platform", "park_id"} <= fields.keys(), fields
    assert fields["park_id"] == "unknown park 'east'; the parks are north, south"
    alone = await client.post("/leads", json={**LEAD, "park_id": "east"}, headers=OFFICER)
    assert (alone.status_code, alone.json()["field"]) == (422, "park_id")
    assert (await client.get("/leads", headers=OFFICER)).json() == []
