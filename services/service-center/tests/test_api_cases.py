"""/cases and /cases/{id}/steps over HTTP: the walk-in journey, bad input, refusals."""

from datetime import date
from typing import Any

from park_shared.testing.apps import auth_header, wait_until

CODE = "91350100M000100Y43"


async def test_a_walk_in_case_runs_from_approval_to_seal_and_commissioning(driver: Any) -> None:
    case = await driver.open_walk_in()
    case_id = case["case_id"]
    assert [s["code"] for s in case["steps"]] == ["project_approval", "land_use", "fire_safety"]
    assert case["steps"][0]["status"] == "accepted" and case["steps"][0]["deadline"] == "2026-04-16"
    listed = (await driver.client.get("/cases", headers=driver.cashier)).json()
    assert [c["case_id"] for c in listed] == [case_id]

    await driver.hq_decides(case_id)
    detail = (await driver.client.get(f"/cases/{case_id}", headers=driver.head)).json()
    assert detail["current_step"] == "land_use" and detail["allocated_parcel_id"] == "north-A01"

    await driver.walk(case_id, "land_use", ["application", "site plan"])
    done = await driver.walk(case_id, "fire_safety", ["fire plan"])
    assert done["current_step"] is None
    sealed = await driver.client.post(f"/cases/{case_id}/seal", headers=driver.officer)
    assert sealed.status_code == 200 and sealed.json()["status"] == "sealed"
    again = await driver.client.post(f"/cases/{case_id}/seal", headers=driver.officer)
    assert again.status_code == 409 and "sealed already" in again.json()["detail"]
    commissioned = await driver.client.post(f"/cases/{case_id}/commission", headers=driver.officer)
    assert (
        commissioned.json()["status"] == "commissioned"
        and commissioned.json()["commissioned_on"] == "2026-04-02"
    )


async def test_bad_input_is_422_naming_the_field_and_stores_nothing(driver: Any) -> None:
    before = await driver.position()
    base = {
        "enterprise_name": "x", "credit_code": CODE, "project": "p", "planned_investment": "1.00",
        "park_id": "north", "industry": "i",
    }  # fmt: skip
    for change, field in (
        ({"credit_code": "91350100M000100Y44"}, "credit_code"),
        ({"green_channel": True}, "green_channel_reason"),
        ({"planned_investment": 1000.5}, "planned_investment"),
        ({"planned_investment": "1.001"}, "planned_investment"),
        ({"park_id": "east"}, "park_id"),
    ):
        response = await driver.client.post("/cases", json={**base, **change}, headers=driver.officer)
        assert response.status_code == 422, (change, response.text)
        assert response.json()["field"] == field
    case = await driver.open_walk_in()
    after_open = await driver.position()
    empty = await driver.step(case["case_id"], "land_use", "submit", {"documents": []})
    assert empty.status_code == 422 and empty.json()["field"] == "documents"
    assert await driver.position() == after_open > before


async def test_refused_commands_are_409_saying_why_and_store_nothing(driver: Any) -> None:
    case_id = (await driver.open_walk_in())["case_id"]

    async def invoiced() -> bool:
        found = await driver.client.get(f"/invoices?case_id={case_id}", headers=driver.cashier)
        return bool(found.json())

    await wait_until(invoiced, what="the case's invoice (raised on its own CaseOpened)")
    before = await driver.position()
    out_of_order = await driver.step(case_id, "land_use", "submit", {"documents": ["application"]})
    assert out_of_order.status_code == 409
    assert "before step project_approval is approved" in out_of_order.json()["detail"]
    by_hq = await driver.step(case_id, "project_approval", "approve")
    assert by_hq.status_code == 409 and "decided by headquarters" in by_hq.json()["detail"]
    early_seal = await driver.client.post(f"/cases/{case_id}/seal", headers=driver.officer)
    assert early_seal.status_code == 409 and "steps not approved" in early_seal.json()["detail"]
    stale = await driver.client.post(f"/cases/{case_id}/seal", headers={**driver.officer, "If-Match": "1"})
    assert stale.status_code == 409 and stale.json()["current_version"] == 3
    assert await driver.position() == before


async def test_a_rejected_case_is_stopped(driver: Any) -> None:
    case_id = (await driver.open_walk_in())["case_id"]
    await driver.hq_decides(case_id)
    await driver.step(case_id, "land_use", "submit", {"documents": ["application", "site plan"]})
    await driver.step(case_id, "land_use", "accept")
    rejected = await driver.step(case_id, "land_use", "reject", {"reason": "conflicts with the zoning plan"})
    assert rejected.json()["status"] == "stopped"
    before = await driver.position()
    after = await driver.step(case_id, "land_use", "submit", {"documents": ["x"]})
    assert after.status_code == 409 and "stopped" in after.json()["detail"]
    assert await driver.position() == before


async def test_return_pauses_and_the_head_reopens(driver: Any) -> None:
    case_id = (await driver.open_walk_in())["case_id"]
    await driver.hq_decides(case_id)
    missing = await driver.step(case_id, "land_use", "submit", {"documents": ["application"]})
    assert missing.json()["steps"][1]["missing_documents"] == ["site plan"]
    refused = await driver.step(case_id, "land_use", "accept")
    assert refused.status_code == 409 and "site plan" in refused.json()["detail"]
    await driver.step(case_id, "land_use", "submit", {"documents": ["application", "site plan"]})
    accepted = await driver.step(case_id, "land_use", "accept")
    assert accepted.json()["steps"][1]["deadline"] == "2026-04-10"
    driver.clock.set(date(2026, 4, 7))
    returned = await driver.step(case_id, "land_use", "return", {"reason": "site plan unsigned"})
    assert returned.json()["steps"][1]["status"] == "returned"
    not_head = await driver.step(case_id, "land_use", "reopen", {"reason": "signed after all"})
    assert not_head.status_code == 403 and "sc.head" in not_head.json()["detail"]
    driver.clock.set(date(2026, 4, 13))
    reopened = await driver.client.post(
        f"/cases/{case_id}/steps/land_use/reopen", json={"reason": "signed after all"}, headers=driver.head
    )
    step = reopened.json()["steps"][1]
    assert (step["status"], step["deadline"]) == ("accepted", "2026-04-16")  # 3 working days left


async def test_roles_and_departments_are_enforced(driver: Any) -> None:
    body = {"enterprise_name": "x", "credit_code": CODE, "project": "p", "planned_investment": "1.00",
            "park_id": "north", "industry": "i"}  # fmt: skip
    other = await driver.client.post("/cases", json=body, headers=auth_header("inv", "inv.officer"))
    assert other.status_code == 403 and "inv" in other.json()["detail"]
    cashier = await driver.client.post("/cases", json=body, headers=driver.cashier)
    assert cashier.status_code == 403 and "sc.officer" in cashier.json()["detail"]
    anonymous = await driver.client.post("/cases", json=body)
    assert anonymous.status_code == 401
    hq = await driver.client.post("/cases/x/steps/land_use/approve", headers=auth_header("hq", "hq.head"))
    assert hq.status_code == 403
    assert (await driver.client.get("/cases")).status_code == 401


async def test_the_case_list_puts_the_green_channel_first_then_the_earliest_opened(driver: Any) -> None:
    first = await driver.open_walk_in()
    driver.clock.set(date(2026, 4, 3))
    later = await driver.open_walk_in()
    green = await driver.open_walk_in(green_channel=True, green_channel_reason="provincial key project")
    listed = (await driver.client.get("/cases", headers=driver.officer)).json()
    assert [c["case_id"] for c in listed] == [green["case_id"], first["case_id"], later["case_id"]]
    only_open = (await driver.client.get("/cases?status=open", headers=driver.officer)).json()
    assert len(only_open) == 3


async def test_a_step_action_honours_if_match_and_answers_the_case_it_left(driver: Any) -> None:
    case_id = (await driver.open_walk_in())["case_id"]
    await driver.hq_decides(case_id)
    seen = (await driver.client.get(f"/cases/{case_id}", headers=driver.officer)).json()["version"]
    body = {"documents": ["application", "site plan"]}
    url = f"/cases/{case_id}/steps/land_use/submit"
    stale = await driver.client.post(url, json=body, headers={**driver.officer, "If-Match": str(seen - 1)})
    assert stale.status_code == 409 and stale.json()["current_version"] == seen
    fresh = await driver.client.post(url, json=body, headers={**driver.officer, "If-Match": str(seen)})
    assert fresh.status_code == 200 and fresh.json()["version"] == seen + 1
    assert fresh.json()["steps"][1]["status"] == "submitted"
