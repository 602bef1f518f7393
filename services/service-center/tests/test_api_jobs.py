"""The labour market over HTTP: /jobs for officers (post, fill, close, list with filters) and
/public/jobs for anyone (open vacancies only, both languages), with every refusal storing nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

CREDIT = "91350100M000100Y43"
OTHER = "91350100M000200Y11"


def vacancy(**overrides: Any) -> dict[str, Any]:
    return {
        "enterprise_id": CREDIT, "park_id": "north", "sector": "electronics",
        "title_zh": "电气工程师", "title_en": "Electrical engineer", "places": 3,
        "pay_min": "6000.00", "pay_max": "9000.00",
        "requirements_zh": "本科", "requirements_en": "Bachelor's degree",
        **overrides,
    }  # fmt: skip


async def post(driver: Any, **overrides: Any) -> dict[str, Any]:
    response = await driver.client.post("/jobs", json=vacancy(**overrides), headers=driver.officer)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_a_vacancy_is_posted_filled_place_by_place_and_then_filled(driver: Any) -> None:
    posted = await post(driver)
    assert posted["vacancy_id"].startswith("vacancy-")
    assert (posted["status"], posted["places"], posted["places_left"]) == ("open", 3, 3)
    assert (posted["pay_min"], posted["pay_max"], posted["posted_on"]) == ("6000.00", "9000.00", "2026-04-02")
    url = f"/jobs/{posted['vacancy_id']}"
    two = await driver.client.post(
        f"{url}/fills", json={"enterprise_id": CREDIT, "places": 2}, headers=driver.officer
    )
    assert two.status_code == 200 and (two.json()["status"], two.json()["places_left"]) == ("open", 1)
    driver.clock.set(date(2026, 4, 8))
    last = await driver.client.post(
        f"{url}/fills", json={"enterprise_id": CREDIT, "places": 1}, headers=driver.officer
    )
    body = last.json()
    assert (body["status"], body["places_left"], body["filled_on"]) == ("filled", 0, "2026-04-08")
    seen = await driver.client.get(url, headers=driver.head)
    assert seen.status_code == 200 and seen.json() == body


async def test_an_upside_down_pay_range_is_refused_naming_pay_max_and_stores_nothing(driver: Any) -> None:
    before = await driver.position()
    refused = await driver.client.post(
        "/jobs", json=vacancy(pay_min="9000.00", pay_max="6000.00"), headers=driver.officer
    )
    assert refused.status_code == 422 and refused.json()["field"] == "pay_max"
    assert "upside down" in refused.json()["detail"]
    unknown_park = await driver.client.post("/jobs", json=vacancy(park_id="east"), headers=driver.officer)
    assert unknown_park.status_code == 422 and unknown_park.json()["field"] == "park_id"
    no_pay = await driver.client.post("/jobs", json=vacancy(pay_min="0"), headers=driver.officer)
    assert no_pay.status_code == 422 and no_pay.json()["field"] == "pay_min"
    assert await driver.position() == before
    assert (await driver.client.get("/jobs", headers=driver.officer)).json() == []


async def test_more_places_than_are_left_another_enterprise_or_a_closed_vacancy_are_refused(
    driver: Any,
) -> None:
    posted = await post(driver, places=2)
    url = f"/jobs/{posted['vacancy_id']}"
    before = await driver.position()
    too_many = await driver.client.post(
        f"{url}/fills", json={"enterprise_id": CREDIT, "places": 3}, headers=driver.officer
    )
    assert too_many.status_code == 422 and too_many.json()["field"] == "places"
    assert "only 2 places are left" in too_many.json()["detail"]
    not_theirs = await driver.client.post(
        f"{url}/fills", json={"enterprise_id": OTHER, "places": 1}, headers=driver.officer
    )
    assert not_theirs.status_code == 422 and not_theirs.json()["field"] == "enterprise_id"
    assert await driver.position() == before
    closed = await driver.client.post(
        f"{url}/close", json={"enterprise_id": CREDIT, "reason": "hired elsewhere"}, headers=driver.officer
    )
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["close_reason"]) == ("closed", "hired elsewhere")
    after_close = await driver.position()
    for action, body in (("fills", {"places": 1}), ("close", {"reason": "again"})):
        again = await driver.client.post(
            f"{url}/{action}", json={"enterprise_id": CREDIT, **body}, headers=driver.officer
        )
        assert again.status_code == 409 and "is closed" in again.json()["detail"]
    assert await driver.position() == after_close


async def test_an_unknown_vacancy_is_404_naming_it_and_a_stale_version_is_409(driver: Any) -> None:
    missing = await driver.client.post(
        "/jobs/vacancy-nope/fills", json={"enterprise_id": CREDIT, "places": 1}, headers=driver.officer
    )
    assert missing.status_code == 404 and missing.json()["vacancy_id"] == "vacancy-nope"
    assert (await driver.client.get("/jobs/vacancy-nope", headers=driver.officer)).status_code == 404
    posted = await post(driver)
    stale = await driver.client.post(
        f"/jobs/{posted['vacancy_id']}/fills",
        json={"enterprise_id": CREDIT, "places": 1},
        headers={**driver.officer, "If-Match": str(posted["version"] + 1)},
    )
    assert stale.status_code == 409


async def test_officers_list_vacancies_by_park_sector_and_status(driver: Any) -> None:
    north = await post(driver)
    south = await post(driver, park_id="south", sector="logistics", title_en="Forklift driver")
    closed = await post(driver, park_id="south")
    await driver.client.post(
        f"/jobs/{closed['vacancy_id']}/close", json={"enterprise_id": CREDIT, "reason": "x"},
        headers=driver.officer,
    )  # fmt: skip

    async def listed(**params: str) -> set[str]:
        response = await driver.client.get("/jobs", params=params, headers=driver.cashier)
        assert response.status_code == 200, response.text
        return {v["vacancy_id"] for v in response.json()}

    assert await listed() == {north["vacancy_id"], south["vacancy_id"], closed["vacancy_id"]}
    assert await listed(park_id="south") == {south["vacancy_id"], closed["vacancy_id"]}
    assert await listed(sector="electronics", status="open") == {north["vacancy_id"]}
    assert await listed(status="closed") == {closed["vacancy_id"]}
    bad = await driver.client.get("/jobs", params={"status": "gone"}, headers=driver.officer)
    assert bad.status_code == 422 and bad.json()["field"] == "status"
    assert (await driver.client.get("/jobs")).status_code == 401
    posting_cashier = await driver.client.post("/jobs", json=vacancy(), headers=driver.cashier)
    assert posting_cashier.status_code == 403


async def test_the_public_sees_open_vacancies_only_in_both_languages_with_filters(driver: Any) -> None:
    north = await post(driver)
    south = await post(
        driver, park_id="south", sector="logistics", title_zh="叉车司机", title_en="Forklift driver"
    )
    filled = await post(driver, places=1)
    await driver.client.post(
        f"/jobs/{filled['vacancy_id']}/fills", json={"enterprise_id": CREDIT, "places": 1},
        headers=driver.officer,
    )  # fmt: skip
    everyone = await driver.client.get("/public/jobs")
    assert everyone.status_code == 200
    assert {v["vacancy_id"] for v in everyone.json()} == {north["vacancy_id"], south["vacancy_id"]}
    [seen] = (await driver.client.get("/public/jobs", params={"park_id": "south"})).json()
    assert (seen["title_zh"], seen["title_en"], seen["places_left"]) == ("叉车司机", "Forklift driver", 3)
    assert (seen["requirements_zh"], seen["requirements_en"]) == ("本科", "Bachelor's degree")
    assert "status" not in seen and "version" not in seen
    by_sector = (await driver.client.get("/public/jobs", params={"sector": "electronics"})).json()
    assert [v["vacancy_id"] for v in by_sector] == [north["vacancy_id"]]
