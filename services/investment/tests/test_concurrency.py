"""Two registrations of one credit code at the same time, from different platforms, on
each backend: exactly one lead, one 201 and one 409 naming it. Within one process the
handler lets commands on a stream take turns; across two processes (two app instances on
one store) the store's optimistic concurrency on the code's stream decides."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
from park_investment.app import create_app
from park_investment.settings import InvestmentSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, running_app, runtime_of

OFFICER = auth_header("inv", "inv.officer")


async def _bodies(client: httpx.AsyncClient, code: str) -> tuple[dict[str, Any], dict[str, Any]]:
    merchant = await client.post(
        "/referrers", json={"kind": "enterprise", "name": "赵总", "phone": "13900002222"}, headers=OFFICER
    )
    staff = await client.post(
        "/referrers", json={"kind": "staff", "name": "钱工", "phone": "13900003333"}, headers=OFFICER
    )
    body = {"company_name": "远航物流有限公司", "credit_code": code, "industry": "logistics"}
    body |= {"planned_investment": "20000000.00", "park_id": "north"}
    first = {**body, "platform": "merchant", "referrer_id": merchant.json()["referrer_id"]}
    second = {**body, "platform": "all_staff", "referrer_id": staff.json()["referrer_id"], "park_id": "south"}
    return first, second


def _one_lead(responses: list[httpx.Response], code: str) -> str:
    assert sorted(r.status_code for r in responses) == [201, 409], [r.text for r in responses]
    [won] = [r.json() for r in responses if r.status_code == 201]
    [lost] = [r.json() for r in responses if r.status_code == 409]
    assert lost["existing_lead_id"] == won["lead_id"] == f"lead-{code}"
    assert (lost["existing_platform"], lost["existing_park_id"]) == (won["platform"], won["park_id"])
    return str(won["lead_id"])


async def test_concurrent_registrations_of_one_code_end_with_one_lead(
    park_settings: ParkSettings, new_code: Callable[[], str]
) -> None:
    settings = InvestmentSettings(**park_settings.model_dump())
    one, other = create_app(settings), create_app(settings)
    async with running_app(one) as a, running_app(other) as b:
        code = new_code()
        first, second = await _bodies(a, code)
        same_process = await asyncio.gather(
            a.post("/leads", json=first, headers=OFFICER), a.post("/leads", json=second, headers=OFFICER)
        )
        lead_id = _one_lead(list(same_process), code)

        racing = new_code()
        other_company = {"credit_code": racing, "company_name": "远景风电有限公司"}
        first, second = {**first, **other_company}, {**second, **other_company}
        two_processes = await asyncio.gather(
            a.post("/leads", json=first, headers=OFFICER), b.post("/leads", json=second, headers=OFFICER)
        )
        raced_id = _one_lead(list(two_processes), racing)

        leads = (await b.get("/leads", headers=OFFICER)).json()
        assert sorted(lead["lead_id"] for lead in leads) == sorted([lead_id, raced_id])
        for stream in (lead_id, raced_id):
            records = await runtime_of(one).store.read_stream(stream)
            assert [e.type.split(".")[2] for e in records] == ["LeadRegistered", "DuplicateLeadRefused"]
