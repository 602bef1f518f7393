"""Talent subsidies over HTTP: /talent-applications (apply for a person hired, decide within the
promised working days, pay instalment by instalment, erase the person's data) and
/public/talent-statistics (counts and amounts by category and park, no names); every refusal
names its field or conflict and stores nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from park_service_center.application.overdue import scan_overdue
from park_shared.testing.apps import auth_header, wait_until
from sc_testkit import CREDIT, TALENT, application, apply, identity_number, publish_talent


async def test_an_application_is_approved_by_the_policy_of_its_day_and_paid_in_order(driver: Any) -> None:
    await publish_talent(driver)
    applied = await apply(driver)
    ta = applied["application_id"]
    assert (applied["status"], applied["applied_on"], applied["deadline"]) == (
        "pending",
        "2026-04-02",
        "2026-04-16",
    )
    assert applied["person"] == {
        "name": "林晓 Lin Xiao",
        "id_number_hint": "*" * 14 + identity_number(1)[-4:],
        "erased": False,
    }
    assert applied["person_key"].startswith("tp-") and applied["terms"]["one_off_subsidy"] == "50000.00"

    # HQ raises the subsidy from next week: the application keeps the terms of its day
    raised = {"categories": [{**TALENT["categories"][0], "one_off_subsidy": "90000.00"}]}
    await publish_talent(driver, {**raised}, version=2)
    driver.clock.set(date(2026, 4, 9))
    approved = await driver.client.post(f"/talent-applications/{ta}/approve", headers=driver.officer)
    body = approved.json()
    assert approved.status_code == 200, approved.text
    assert (body["status"], body["within_promise"], body["granted"]) == ("approved", True, "56000.00")
    assert [(i["number"], i["due_on"], i["amount"]) for i in body["instalments"]] == [
        (1, "2026-04-09", "50000.00"), (2, "2026-05-09", "2000.00"),
        (3, "2026-06-09", "2000.00"), (4, "2026-07-09", "2000.00"),
    ]  # fmt: skip

    url = f"/talent-applications/{ta}/instalments"
    by_officer = await driver.client.post(f"{url}/1/pay", headers=driver.officer)
    assert by_officer.status_code == 403
    before = await driver.position()
    out_of_order = await driver.client.post(f"{url}/2/pay", headers=driver.cashier)
    assert out_of_order.status_code == 409 and "instalment 1 comes first" in out_of_order.json()["detail"]
    assert await driver.position() == before
    first = await driver.client.post(f"{url}/1/pay", headers=driver.cashier)
    assert first.status_code == 200 and (first.json()["paid"], first.json()["instalments_paid"]) == (
        "50000.00",
        1,
    )
    assert first.json()["instalments"][0]["paid_on"] == "2026-04-09"
    before = await driver.position()
    again = await driver.client.post(f"{url}/1/pay", headers=driver.cashier)
    assert again.status_code == 409 and "paid already" in again.json()["detail"]
    early = await driver.client.post(f"{url}/2/pay", headers=driver.cashier)
    assert early.status_code == 422 and early.json()["field"] == "paid_on"
    assert await driver.position() == before

    stats = (await driver.client.get("/public/talent-statistics")).json()
    assert stats == [
        {"category": "high_level_talent", "park_id": "north", "applications": 1, "pending": 0,
         "approved": 1, "rejected": 0, "granted": "56000.00", "paid": "50000.00"}
    ]  # fmt: skip
    assert "Lin Xiao" not in str(stats) and "tp-" not in str(stats)


async def test_a_person_subsidised_in_the_category_is_refused_naming_the_application(driver: Any) -> None:
    await publish_talent(driver)
    first = await apply(driver)
    await driver.client.post(
        f"/talent-applications/{first['application_id']}/approve", headers=driver.officer
    )
    before = await driver.position()
    again = await driver.client.post(
        "/talent-applications", json=application(enterprise_id="91350100M000200Y11", park_id="south"),
        headers=driver.officer,
    )  # fmt: skip
    assert again.status_code == 409 and again.json()["application_id"] == first["application_id"]
    assert "subsidised in high_level_talent already" in again.json()["detail"]
    assert await driver.position() == before
    other_category = await apply(driver, category="skilled_worker")
    assert other_category["person_key"] == first["person_key"]
    someone_else = await apply(driver, serial=2)
    assert someone_else["person_key"] != first["person_key"]


async def test_a_second_application_while_one_awaits_its_decision_or_a_wrong_instalment_stores_nothing(
    driver: Any,
) -> None:
    await publish_talent(driver)
    first = await apply(driver)
    ta = first["application_id"]
    before = await driver.position()
    waiting = await driver.client.post(
        "/talent-applications", json=application(park_id="south"), headers=driver.officer
    )
    assert waiting.status_code == 409 and waiting.json()["application_id"] == ta
    assert "awaits its decision" in waiting.json()["detail"]
    unpaid = await driver.client.post(f"/talent-applications/{ta}/instalments/1/pay", headers=driver.cashier)
    assert unpaid.status_code == 409 and unpaid.json()["application_status"] == "pending"
    assert await driver.position() == before
    await driver.client.post(f"/talent-applications/{ta}/approve", headers=driver.officer)
    before = await driver.position()
    beyond = await driver.client.post(f"/talent-applications/{ta}/instalments/9/pay", headers=driver.cashier)
    assert beyond.status_code == 422 and beyond.json()["field"] == "number"
    for number in (0, -1):
        none = await driver.client.post(
            f"/talent-applications/{ta}/instalments/{number}/pay", headers=driver.cashier
        )
        assert none.status_code == 422 and none.json()["field"] == "number", none.text
    assert await driver.position() == before


async def test_a_rejected_application_may_be_followed_by_another(driver: Any) -> None:
    await publish_talent(driver)
    first = await apply(driver)
    ta = first["application_id"]
    no_reason = await driver.client.post(
        f"/talent-applications/{ta}/reject", json={"reason": ""}, headers=driver.officer
    )
    assert no_reason.status_code == 422 and no_reason.json()["field"] == "reason"
    driver.clock.set(date(2026, 4, 20))
    rejected = await driver.client.post(
        f"/talent-applications/{ta}/reject", json={"reason": "not employed full time"}, headers=driver.officer
    )
    assert (rejected.json()["status"], rejected.json()["within_promise"]) == ("rejected", False)
    before = await driver.position()
    twice = await driver.client.post(f"/talent-applications/{ta}/approve", headers=driver.officer)
    assert twice.status_code == 409 and twice.json()["application_status"] == "rejected"
    nothing = await driver.client.post(f"/talent-applications/{ta}/instalments/1/pay", headers=driver.cashier)
    assert nothing.status_code == 409 and nothing.json()["application_status"] == "rejected"
    assert await driver.position() == before
    second = await apply(driver)
    assert second["application_id"] != ta and second["status"] == "pending"
    listed = await driver.client.get(
        "/talent-applications", params={"status": "rejected"}, headers=driver.head
    )
    assert [a["application_id"] for a in listed.json()] == [ta]


async def test_bad_applications_name_the_field_and_store_nothing(driver: Any) -> None:
    before = await driver.position()
    no_policy = await driver.client.post("/talent-applications", json=application(), headers=driver.officer)
    assert no_policy.status_code == 422 and no_policy.json()["field"] == "category"
    assert await driver.position() == before
    await publish_talent(driver)
    before = await driver.position()
    cases = [
        (application(category="astronaut"), "category"),
        (application(park_id="east"), "park_id"),
        (application(hired_on="2026-04-03"), "hired_on"),
        (application(hired_on="2025-03-01"), "hired_on"),
        (
            application(person={"name": "林晓", "id_number": identity_number(1)[:-1] + "0"}),
            "person.id_number",
        ),
        (application(person={"name": "林晓", "id_number": "12345"}), "person.id_number"),
    ]
    for body, field in cases:
        refused = await driver.client.post("/talent-applications", json=body, headers=driver.officer)
        assert (refused.status_code, refused.json().get("field")) == (422, field), (field, refused.text)
        assert identity_number(1)[:-1] not in refused.text
    for method, path, who, body in (
        ("POST", "approve", driver.officer, None),
        ("POST", "reject", driver.officer, {"reason": "not employed"}),
        ("POST", "instalments/1/pay", driver.cashier, None),
        ("POST", "person/erase", driver.officer, None),
        ("GET", "", driver.officer, None),
    ):
        url = f"/talent-applications/ta-nothing/{path}".rstrip("/")
        unknown = await driver.client.request(method, url, json=body, headers=who)
        assert unknown.status_code == 404 and unknown.json()["application_id"] == "ta-nothing", url
    bad_filter = await driver.client.get(
        "/talent-applications", params={"status": "granted"}, headers=driver.officer
    )
    assert bad_filter.status_code == 422 and bad_filter.json()["field"] == "status"
    by_cashier = await driver.client.post("/talent-applications", json=application(), headers=driver.cashier)
    assert by_cashier.status_code == 403
    assert await driver.position() == before
    assert (await driver.client.get("/public/talent-statistics")).json() == []


async def test_erasure_makes_the_person_unreadable_and_refuses_new_applications(driver: Any) -> None:
    await publish_talent(driver)
    applied = await apply(driver)
    ta = applied["application_id"]
    erased = await driver.client.post(f"/talent-applications/{ta}/person/erase", headers=driver.officer)
    assert erased.status_code == 200, erased.text
    assert erased.json()["person"] == {"name": None, "id_number_hint": None, "erased": True}
    before = await driver.position()
    again = await driver.client.post(f"/talent-applications/{ta}/person/erase", headers=driver.officer)
    assert again.status_code == 409
    assert await driver.position() == before
    refused = await driver.client.post(
        "/talent-applications", json=application(category="skilled_worker"), headers=driver.officer
    )
    assert refused.status_code == 409 and "erased" in refused.json()["detail"]
    assert await driver.position() == before
    still = await driver.client.get(f"/talent-applications/{ta}", headers=driver.officer)
    assert still.json()["status"] == "pending" and still.json()["person"]["name"] is None


async def test_an_application_undecided_after_its_promised_day_is_reported_once(driver: Any) -> None:
    await publish_talent(driver)
    applied = await apply(driver)
    ta = applied["application_id"]
    url = f"/talent-applications/{ta}"
    driver.clock.set(date(2026, 4, 17))  # the day after the promised 16 April

    async def flagged() -> bool:
        doc = (await driver.client.get(url, headers=driver.officer)).json()
        return bool(doc["overdue_on"] == "2026-04-17")

    await wait_until(flagged, timeout=20, what="the scheduler to flag the application")
    center = driver.app.state.application
    assert await scan_overdue(center) == 0  # once only
    events = await driver.app.state.runtime.store.read_all(0, 10_000)
    assert [e.type for e in events].count("park.service-center.TalentDecisionOverdue.v1") == 1
    late = await driver.client.post(f"{url}/approve", headers=driver.officer)
    assert (late.json()["status"], late.json()["within_promise"]) == ("approved", False)


async def test_an_enterprise_applies_for_itself_only(driver: Any) -> None:
    await publish_talent(driver)
    own = auth_header("sc", "sc.enterprise", subject=CREDIT)
    made = await driver.client.post("/talent-applications", json=application(), headers=own)
    assert made.status_code == 201 and made.json()["enterprise_id"] == CREDIT
    before = await driver.position()
    other = await driver.client.post(
        "/talent-applications", json=application(serial=3, enterprise_id="91350100M000200Y11"), headers=own
    )
    assert other.status_code == 403 and "acts only for itself" in other.json()["detail"]
    url = f"/talent-applications/{made.json()['application_id']}"
    deciding = await driver.client.post(f"{url}/approve", headers=own)
    assert deciding.status_code == 403
    assert await driver.position() == before
