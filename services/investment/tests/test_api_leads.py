"""The lead registry over HTTP: registration, bad input, duplicates, roles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from park_shared.testing.apps import auth_header

OFFICER = auth_header("inv", "inv.officer")
FINANCE = auth_header("inv", "inv.finance")
HQ = auth_header("hq", "hq.official", "hq.head")


async def test_a_merchant_lead_is_registered_with_its_referrer(
    service: Any, new_code: Callable[[], str]
) -> None:
    referrer = await service.referrer("enterprise", organisation="Existing Investor Ltd")
    code = new_code()
    created = await service.lead(code, platform="merchant", referrer_id=referrer, park_id="south")
    assert created.status_code == 201, created.text
    lead = created.json()
    assert (lead["lead_id"], lead["status"], lead["platform"], lead["park_id"]) == (
        f"lead-{code}",
        "new",
        "merchant",
        "south",
    )
    assert lead["planned_investment"] == "50000000.00"
    assert lead["referrer"]["name"] == "陈建国"  # the officer sees the referrer
    listed = await service.client.get("/leads", params={"platform": "merchant"}, headers=OFFICER)
    assert [d["lead_id"] for d in listed.json()] == [lead["lead_id"]]


async def test_a_second_registration_of_a_code_is_refused_naming_the_first(
    service: Any, new_code: Callable[[], str]
) -> None:
    first_referrer = await service.referrer("enterprise")
    code = new_code()
    assert (await service.lead(code, platform="merchant", referrer_id=first_referrer)).status_code == 201
    second_referrer = await service.referrer("staff")
    again = await service.lead(code, platform="all_staff", referrer_id=second_referrer, park_id="south")
    assert again.status_code == 409
    problem = again.json()
    assert (problem["existing_lead_id"], problem["existing_park_id"], problem["existing_platform"]) == (
        f"lead-{code}",
        "north",
        "merchant",
    )
    assert f"lead-{code}" in problem["detail"]
    lead = (await service.client.get(f"/leads/{problem['existing_lead_id']}", headers=OFFICER)).json()
    assert (lead["referrer_id"], lead["platform"], lead["park_id"]) == (first_referrer, "merchant", "north")
    assert len((await service.client.get("/leads", headers=OFFICER)).json()) == 1
    prevented = (await service.client.get("/duplicates", headers=OFFICER)).json()["prevented"]
    assert prevented == [{"platform": "all_staff", "park_id": "south", "refused": 1, "merged": 0}]


def _wrong_check(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c, r: {"credit_code": _wrong_check(c)}, "credit_code"),
        (lambda c, r: {"credit_code": c[:17]}, "credit_code"),
        (lambda c, r: {"planned_investment": "-5.00"}, "planned_investment"),
        (lambda c, r: {"planned_investment": 1250000.5}, "planned_investment"),
        (lambda c, r: {"planned_investment": "1.005"}, "planned_investment"),
        (lambda c, r: {"platform": "merchant"}, "referrer_id"),
        (lambda c, r: {"platform": "all_staff", "referrer_id": None}, "referrer_id"),
        (lambda c, r: {"park_id": "east"}, "park_id"),
        (lambda c, r: {"platform": "merchant", "referrer_id": "ref-nobody"}, "referrer_id"),
        (lambda c, r: {"platform": "merchant", "referrer_id": r}, "referrer_id"),  # a staff referrer
        (lambda c, r: {"company_name": "有限公司"}, "company_name"),
    ],
)
async def test_bad_input_is_422_naming_the_field_and_stores_nothing(
    service: Any, new_code: Callable[[], str], change: Callable[[str, str], dict[str, Any]], field: str
) -> None:
    staff_referrer = await service.referrer("staff")
    code = new_code()
    before = await service.stored()
    response = await service.lead(code, **change(code, staff_referrer))
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    assert await service.stored() == before
    assert (await service.client.get(f"/leads/lead-{code}", headers=OFFICER)).status_code == 404


@pytest.mark.parametrize(
    ("path", "member", "key"),
    [
        ("/leads/lead-none", "lead_id", "lead-none"),
        ("/rewards/reward-lead-none", "reward_id", "reward-lead-none"),
        ("/referrers/ref-none", "referrer_id", "ref-none"),
    ],
)
async def test_what_is_not_there_is_a_404_naming_its_id(
    service: Any, path: str, member: str, key: str
) -> None:
    missing = await service.client.get(path, headers=OFFICER)
    assert missing.status_code == 404
    assert missing.json()[member] == key


async def test_roles_guard_every_command(service: Any, new_code: Callable[[], str]) -> None:
    code = new_code()
    body = {"company_name": "X", "credit_code": code, "industry": "x", "planned_investment": "1.00"}
    body |= {"park_id": "north", "platform": "online"}
    assert (await service.client.post("/leads", json=body)).status_code == 401
    other = await service.client.post("/leads", json=body, headers=HQ)
    assert other.status_code == 403 and "hq" in other.json()["detail"]
    finance = await service.client.post("/leads", json=body, headers=FINANCE)
    assert finance.status_code == 403 and "inv.officer" in finance.json()["detail"]
    for path in ("/referrers", "/listings", "/leads/lead-x/stage", "/leads/lead-x/agreement"):
        assert (await service.client.post(path, json={}, headers=HQ)).status_code == 403, path
    assert (await service.client.post("/rewards/r/payouts", json={}, headers=OFFICER)).status_code == 403
    assert (await service.client.get("/referrers", headers=FINANCE)).status_code == 403
    assert await service.stored() == 0


async def test_a_same_name_with_another_code_is_flagged_then_merged(
    service: Any, new_code: Callable[[], str]
) -> None:
    first, second = new_code(), new_code()
    await service.lead(first, company_name="华光精密制造有限公司")
    flagged = (await service.lead(second, company_name="华光 精密制造 有限责任公司", park_id="south")).json()
    assert flagged["possible_duplicate_of"] == [f"lead-{first}"]
    assert flagged["duplicate_status"] == "open"
    open_flags = (await service.client.get("/duplicates", headers=OFFICER)).json()["flagged"]
    assert [d["lead_id"] for d in open_flags] == [flagged["lead_id"]]
    merge = {"resolution": "merge"}
    merged = await service.client.post(
        f"/leads/{flagged['lead_id']}/duplicate-resolution", json=merge, headers=OFFICER
    )
    assert merged.status_code == 200, merged.text
    assert (merged.json()["status"], merged.json()["merged_into"]) == ("lost", f"lead-{first}")
    again = await service.client.post(
        f"/leads/{flagged['lead_id']}/duplicate-resolution", json=merge, headers=OFFICER
    )
    assert again.status_code == 409
    duplicates = (await service.client.get("/duplicates", headers=OFFICER)).json()
    assert duplicates["flagged"] == []
    assert duplicates["prevented"] == [{"platform": "online", "park_id": "south", "refused": 0, "merged": 1}]


async def test_a_flag_can_be_confirmed_distinct(service: Any, new_code: Callable[[], str]) -> None:
    first, second = new_code(), new_code()
    await service.lead(first, company_name="ACME Trading Co., Ltd.")
    flagged = (await service.lead(second, company_name="Acme Trading Limited")).json()
    assert flagged["possible_duplicate_of"] == [f"lead-{first}"]
    distinct = await service.client.post(
        f"/leads/{flagged['lead_id']}/duplicate-resolution", json={"resolution": "distinct"}, headers=OFFICER
    )
    assert (distinct.json()["status"], distinct.json()["duplicate_status"]) == ("new", "distinct")


async def test_the_openapi_document_lists_every_resource(service: Any) -> None:
    paths = set((await service.client.get("/openapi.json")).json()["paths"])
    expected = {"/leads", "/referrers", "/rewards", "/listings", "/reports/funnel", "/public/inquiries"}
    also = {"/public/listings", "/duplicates", "/reward-policies", "/project-proposals"}
    pending = "/project-proposals/{proposal_id}/projects/{project}/credit-code"
    assert expected | also | {pending} <= paths
